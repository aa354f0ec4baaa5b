package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.annotations.ValueSyntax;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.config.ClusterContext;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.gateway.GatewayAddOns.AddOn;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.k8s.gateway.KeyValue;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the AWS resources of a Gateway that is deleted or leaves our class, ALB and NLB alike
 * (gateway-spec §5 "Deletion"):
 *
 * <ol>
 *   <li>nothing at all while its LoadBalancerConfiguration keeps {@code
 *       deletion_protection.enabled=true} (a Warning event says so, and the caller makes the
 *       Gateway {@code Accepted=False} with the same {@link #heldMessage}; the finalizer stays);
 *   <li>the add-ons its annotations say are active and that could outlive the load balancer are
 *       removed from it (web ACL disassociated, Shield protection deleted), and those annotations
 *       turn {@code false}. The capacity reservation is not reset, unlike the reference: it goes
 *       with the load balancer, and a reset spends one of the few decreases AWS allows a day, so a
 *       Gateway deleted after they are used up would stay stuck until the next day;
 *   <li>its empty stack is deployed, which deletes everything tagged with the stack.
 * </ol>
 */
public final class GatewayTeardown {
  private static final Logger log = LoggerFactory.getLogger(GatewayTeardown.class);
  static final String DELETION_PROTECTION = "deletion_protection.enabled";

  /** What the teardown works with. */
  public record Dependencies(
      KubernetesClient kube,
      StackDeployer deployer,
      StackResourceFinder finder,
      EventRecorder events,
      ClusterContext cluster) {}

  private final Dependencies deps;

  public GatewayTeardown(Dependencies deps) {
    this.deps = deps;
  }

  /**
   * @param supported the add-ons of the Gateway's flavor
   * @param configuration the Gateway's configuration as far as it can still be read ({@link
   *     GatewayConfigurations#forDeletion})
   * @return the Gateway as last written, once its AWS resources are gone (its finalizer can go);
   *     empty while deletion protection keeps them
   */
  public <T extends HasMetadata> Optional<T> tearDown(
      T gateway,
      StackId stackId,
      Set<AddOn> supported,
      Optional<LoadBalancerConfigurationSpec> configuration) {
    if (deletionProtected(configuration)) {
      deps.events().warning(gateway, EventReasons.FAILED_BUILD_MODEL, heldMessage(gateway));
      return Optional.empty();
    }
    T current = removeAddOns(gateway, stackId, supported);
    deps.deployer().deploy(new Stack(stackId));
    return Optional.of(current);
  }

  /** Why a Gateway's deletion is held, as the reference words it. */
  public static String heldMessage(HasMetadata gateway) {
    return "Unable to delete gateway "
        + gateway.getMetadata().getNamespace()
        + "/"
        + gateway.getMetadata().getName()
        + " because deletion protection is enabled.";
  }

  /** Removes the active add-ons before the load balancer goes; returns the Gateway as patched. */
  private <T extends HasMetadata> T removeAddOns(T gateway, StackId stackId, Set<AddOn> supported) {
    Set<AddOn> outliving = EnumSet.noneOf(AddOn.class);
    outliving.addAll(supported);
    outliving.remove(AddOn.PROVISIONED_CAPACITY);
    if (outliving.isEmpty()) {
      return gateway;
    }
    Stack removals =
        GatewayAddOns.removals(
            stackId, outliving, gateway.getMetadata().getAnnotations(), deps.cluster());
    if (removals.isEmpty()) {
      return gateway;
    }
    Optional<LoadBalancer> loadBalancer = deps.finder().loadBalancer(stackId);
    loadBalancer.ifPresent(lb -> deps.deployer().deployAddOns(removals, lb.arn()));
    return GatewayAddOns.annotate(deps.kube(), gateway, GatewayAddOns.states(removals), false);
  }

  /**
   * Whether the configuration's {@code loadBalancerAttributes} turn deletion protection on. A value
   * that is not a boolean counts as off, as in the reference.
   */
  static boolean deletionProtected(Optional<LoadBalancerConfigurationSpec> configuration) {
    List<KeyValue> attributes = configuration.map(c -> c.loadBalancerAttributes).orElse(null);
    if (attributes == null) {
      return false;
    }
    for (KeyValue attribute : attributes) {
      if (attribute != null && DELETION_PROTECTION.equals(attribute.key)) {
        if (attribute.value == null) {
          return false;
        }
        try {
          return ValueSyntax.parseBool(attribute.value);
        } catch (IllegalArgumentException e) {
          log.warn(
              "deletion protection value is not a boolean, taken as false: {}", e.getMessage());
          return false;
        }
      }
    }
    return false;
  }
}
