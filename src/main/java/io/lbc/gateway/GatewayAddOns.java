package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.ingress.AddOnLookups;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.addons.ShieldProtectionSpec;
import io.lbc.model.addons.WebAclAssociationSpec;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The load balancer add-ons of a Gateway (gateway-spec §4.1 "Addons"): WAFv2, Shield and
 * ProvisionedCapacity on ALBs, ProvisionedCapacity only on NLBs. A configured add-on goes into the
 * stack; one no longer configured is removed (empty web ACL, protection off, capacity 0) only while
 * the Gateway's annotation {@code gateway.k8s.aws.addon.<name>} says it is active. The reconciler
 * writes an addition's annotation before deploying and a removal's after.
 */
public final class GatewayAddOns {
  static final String ANNOTATION_PREFIX = "gateway.k8s.aws.addon.";
  private static final String FIELD = AlbGatewayBuilder.FIELD;

  /** The add-ons, each with the suffix of its Gateway annotation. */
  public enum AddOn {
    WAFV2("wafv2"),
    SHIELD("shield"),
    PROVISIONED_CAPACITY("provisionedcapacity");

    private final String suffix;

    AddOn(String suffix) {
      this.suffix = suffix;
    }

    public String annotation() {
      return ANNOTATION_PREFIX + suffix;
    }
  }

  public static final Set<AddOn> ALB =
      Set.of(AddOn.WAFV2, AddOn.SHIELD, AddOn.PROVISIONED_CAPACITY);
  public static final Set<AddOn> NLB = Set.of(AddOn.PROVISIONED_CAPACITY);

  private GatewayAddOns() {}

  /**
   * Adds the add-ons to the stack.
   *
   * @param annotations the Gateway's annotations: which add-ons it has active
   * @param notices receives what is configured but left alone (flag or gate off)
   * @throws UserInputException when a security add-on cannot be honoured (an unknown web ACL name,
   *     Shield asked without a subscription): the Gateway fails closed
   */
  public static void add(
      Stack stack,
      Set<AddOn> supported,
      LoadBalancerConfigurationSpec config,
      Map<String, String> annotations,
      ClusterContext cluster,
      AddOnLookups lookups,
      List<String> notices) {
    Token loadBalancerArn =
        ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    var enabled = cluster.config().addOns();
    if (supported.contains(AddOn.WAFV2)) {
      if (!enabled.wafv2()) {
        if (config.wafV2 != null) {
          notices.add(notApplied("wafV2", "--enable-wafv2", "WAFv2 web ACL associations"));
        }
      } else if (config.wafV2 != null) {
        stack.add(
            LoadBalancerSpec.ID,
            new WebAclAssociationSpec(webAclArn(config.wafV2.webACL, lookups), loadBalancerArn));
      } else if (active(annotations, AddOn.WAFV2)) {
        stack.add(LoadBalancerSpec.ID, new WebAclAssociationSpec("", loadBalancerArn));
      }
    }
    if (supported.contains(AddOn.SHIELD)) {
      boolean asked =
          config.shieldConfiguration != null
              && Boolean.TRUE.equals(config.shieldConfiguration.enabled);
      if (!enabled.shield()) {
        if (asked) {
          notices.add(
              notApplied("shieldConfiguration", "--enable-shield", "Shield Advanced protections"));
        }
      } else if (asked) {
        if (!lookups.shieldSubscribed()) {
          throw new UserInputException(
              FIELD + " shieldConfiguration",
              "needs an active AWS Shield Advanced subscription, and the account has none");
        }
        stack.add(LoadBalancerSpec.ID, new ShieldProtectionSpec(true, loadBalancerArn));
      } else if (active(annotations, AddOn.SHIELD)) {
        stack.add(LoadBalancerSpec.ID, new ShieldProtectionSpec(false, loadBalancerArn));
      }
    }
    if (supported.contains(AddOn.PROVISIONED_CAPACITY)) {
      var capacity = config.minimumLoadBalancerCapacity;
      if (!cluster.enabled(FeatureGate.LB_CAPACITY_RESERVATION)) {
        if (capacity != null) {
          notices.add(
              FIELD
                  + " minimumLoadBalancerCapacity is not applied: the LBCapacityReservation"
                  + " feature gate is off");
        }
      } else if (capacity != null && capacity.capacityUnits != null) {
        int units;
        try {
          units = CapacityReservationSpec.checked(capacity.capacityUnits);
        } catch (IllegalArgumentException e) {
          throw new UserInputException(FIELD + " minimumLoadBalancerCapacity", e.getMessage());
        }
        stack.add(LoadBalancerSpec.ID, new CapacityReservationSpec(loadBalancerArn, units));
      } else if (active(annotations, AddOn.PROVISIONED_CAPACITY)) {
        stack.add(LoadBalancerSpec.ID, new CapacityReservationSpec(loadBalancerArn, 0));
      }
    }
  }

  /**
   * The removal of every add-on the Gateway's annotations say is active: the add-ons of an empty
   * configuration, which the reference deploys before deleting a Gateway (gateway-spec §4.1, §5).
   * Each references the stack's load balancer.
   */
  public static Stack removals(
      StackId stackId,
      Set<AddOn> supported,
      Map<String, String> annotations,
      ClusterContext cluster) {
    var stack = new Stack(stackId);
    // an empty configuration asks for nothing: no lookup is made and nothing is noticed
    add(
        stack,
        supported,
        new LoadBalancerConfigurationSpec(),
        annotations,
        cluster,
        null,
        new java.util.ArrayList<>());
    return stack;
  }

  /**
   * Per add-on in the stack, whether it is applied (true) or removed (false): what the Gateway's
   * annotations must say once the stack is deployed.
   */
  public static Map<AddOn, Boolean> states(Stack stack) {
    var result = new EnumMap<AddOn, Boolean>(AddOn.class);
    stack
        .resources(ResourceType.WAFV2_WEB_ACL_ASSOCIATION, WebAclAssociationSpec.class)
        .forEach(r -> result.put(AddOn.WAFV2, !r.spec().webAcl().isEmpty()));
    stack
        .resources(ResourceType.SHIELD_PROTECTION, ShieldProtectionSpec.class)
        .forEach(r -> result.put(AddOn.SHIELD, r.spec().enabled()));
    stack
        .resources(ResourceType.CAPACITY_RESERVATION, CapacityReservationSpec.class)
        .forEach(r -> result.put(AddOn.PROVISIONED_CAPACITY, r.spec().capacityUnits() > 0));
    return result;
  }

  /**
   * Writes the annotations of the add-ons whose state is {@code applied} (true: before deploying,
   * false: after), unless they already say so; returns the object as patched (or as it was).
   */
  public static <T extends HasMetadata> T annotate(
      KubernetesClient kube, T gateway, Map<AddOn, Boolean> states, boolean applied) {
    var changes = new TreeMap<String, String>();
    states.forEach(
        (addOn, state) -> {
          String value = String.valueOf(state);
          if (state == applied && !value.equals(annotation(gateway, addOn))) {
            changes.put(addOn.annotation(), value);
          }
        });
    if (changes.isEmpty()) {
      return gateway;
    }
    String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations", changes)));
    return kube.resource(gateway).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  private static String annotation(HasMetadata gateway, AddOn addOn) {
    var annotations = gateway.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(addOn.annotation());
  }

  private static boolean active(Map<String, String> annotations, AddOn addOn) {
    return annotations != null && "true".equals(annotations.get(addOn.annotation()));
  }

  /** An ARN as is; anything else is the name of a REGIONAL web ACL, which must exist. */
  private static String webAclArn(String webAcl, AddOnLookups lookups) {
    String value = webAcl == null ? "" : webAcl.trim();
    if (value.isEmpty()) {
      throw new UserInputException(FIELD + " wafV2.webACL", "must name a WAFv2 web ACL");
    }
    if (value.startsWith("arn:")) {
      return value;
    }
    return lookups
        .webAclArn(value)
        .orElseThrow(
            () ->
                new UserInputException(
                    FIELD + " wafV2.webACL", "no REGIONAL WAFv2 web ACL is named '" + value + "'"));
  }

  private static String notApplied(String field, String flag, String what) {
    return FIELD
        + " "
        + field
        + " is not applied: the controller runs with "
        + flag
        + "=false and leaves "
        + what
        + " alone";
  }
}
