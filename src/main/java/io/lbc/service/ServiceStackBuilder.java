package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.MINIMUM_CAPACITY;
import static io.lbc.service.ServiceAnnotationKeys.PRIVATE_LINK_INBOUND_RULES;
import static io.lbc.service.ServiceAnnotationKeys.SUBNETS;

import io.fabric8.kubernetes.api.model.Service;
import io.lbc.annotations.Annotations;
import io.lbc.annotations.KeyChecks;
import io.lbc.annotations.Surface;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetRequest;
import io.lbc.networking.SubnetResolver;
import java.util.List;
import java.util.Optional;

/**
 * Builds the NLB stack of a selected {@code type: LoadBalancer} Service (compat-spec §2): the load
 * balancer, its managed security group, one listener and target group per port, and the
 * TargetGroupBindings that fill them. Writes nothing; reads subnets and security groups through the
 * resolvers. Bad input throws {@link UserInputException} naming the annotation or field.
 */
public final class ServiceStackBuilder {
  private final ClusterContext cluster;
  private final SubnetResolver subnetResolver;
  private final SecurityGroupResolver securityGroupResolver;
  private final Ec2 ec2;

  /**
   * @param ec2 read only: the chosen subnets' CIDR blocks and the VPC's IPv6 blocks
   */
  public ServiceStackBuilder(
      ClusterContext cluster,
      SubnetResolver subnetResolver,
      SecurityGroupResolver securityGroupResolver,
      Ec2 ec2) {
    this.cluster = cluster;
    this.subnetResolver = subnetResolver;
    this.securityGroupResolver = securityGroupResolver;
    this.ec2 = ec2;
  }

  /**
   * @param existing the stack's NLB, if it has one: it decides the default scheme, the subnets to
   *     keep and whether the NLB has security groups at all
   */
  public Stack build(Service service, Optional<LoadBalancer> existing) {
    return build(service, existing, BackendServices.NONE);
  }

  /**
   * @param backends the Services that {@code actions.*} annotations name by {@code serviceName}
   */
  public Stack build(Service service, Optional<LoadBalancer> existing, BackendServices backends) {
    var context = BuildContext.of(cluster, service);
    KeyChecks.refuseAnnotations(
        Surface.SERVICE_ANNOTATION, service.getMetadata().getAnnotations(), context::enabled);
    var stack = new Stack(context.stackId());
    LoadBalancerScheme scheme = Addressing.scheme(context, existing);
    String ipAddressType = Addressing.ipAddressType(context);
    var subnets = new SubnetDetails(ec2, subnetIds(context, scheme, ipAddressType, existing));
    Optional<String> sourceNat =
        SourceNat.enable(context.annotations(), ipAddressType, subnets::subnets);
    var mappings = new SubnetMappings(context).build(scheme, ipAddressType, subnets, sourceNat);
    SecurityPlan security =
        new FrontendSecurity(context, securityGroupResolver).plan(stack, existing, ipAddressType);
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            Addressing.name(context, scheme),
            "network",
            scheme.value(),
            ipAddressType,
            mappings,
            security.loadBalancerGroups(),
            null,
            LoadBalancerAttributes.build(context.annotations()),
            context.userTags(),
            privateLinkInboundRules(context.annotations()),
            null,
            sourceNat.orElse(null)));
    minimumCapacity(context)
        .ifPresent(
            units ->
                stack.add(
                    LoadBalancerSpec.ID,
                    new CapacityReservationSpec(
                        ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN),
                        units)));

    var loadBalancer = new LoadBalancerPlan(scheme, ipAddressType, subnets, security);
    var targetGroups =
        new TargetGroups(context, new TargetGroupBindings(context, new NodeRules(context, ec2)));
    var listeners = new ListenerSpecs(context);
    var actions =
        new ListenerActions(
            context, new BackendTargetGroups(context, backends, stack, loadBalancer, ec2));
    for (ListenerPort listener : new ListenerPlanner(context).plan()) {
      Token targetGroupArn = targetGroups.add(stack, listener, loadBalancer);
      stack.add(
          String.valueOf(listener.port()),
          listeners.build(listener, actions.defaultAction(listener, targetGroupArn)));
    }
    return stack;
  }

  /**
   * The stack of a Service this controller no longer serves (deleted, or no longer selected):
   * empty, so that deploying it deletes everything the Service had.
   *
   * @throws UserInputException when aws-load-balancer-attributes keeps deletion protection on
   */
  public static Stack cleanup(Service service) {
    var annotations = Annotations.service(service.getMetadata().getAnnotations());
    if (LoadBalancerAttributes.deletionProtected(annotations)) {
      throw annotations.invalid(
          ServiceAnnotationKeys.ATTRIBUTES,
          LoadBalancerAttributes.DELETION_PROTECTION
              + "=true keeps the load balancer; set it to false before deleting the Service or"
              + " moving it away from this controller");
    }
    String namespace = service.getMetadata().getNamespace();
    return new Stack(
        StackId.service(
            namespace == null ? "default" : namespace, service.getMetadata().getName()));
  }

  /**
   * The capacity reservation asked for, while the {@code LBCapacityReservation} gate is on (the
   * reference ignores the annotation with it off).
   */
  private static Optional<Integer> minimumCapacity(BuildContext context) {
    if (!context.enabled(FeatureGate.LB_CAPACITY_RESERVATION)) {
      return Optional.empty();
    }
    var annotation = context.annotations().stringMap(MINIMUM_CAPACITY);
    try {
      return annotation.flatMap(CapacityReservationSpec::parse);
    } catch (IllegalArgumentException e) {
      throw context.annotations().invalid(MINIMUM_CAPACITY, e.getMessage());
    }
  }

  /** The annotation's subnets, else the existing NLB's (same scheme), else discovered ones. */
  private List<String> subnetIds(
      BuildContext context,
      LoadBalancerScheme scheme,
      String ipAddressType,
      Optional<LoadBalancer> existing) {
    Optional<List<String>> explicit = context.annotations().stringList(SUBNETS);
    if (explicit.isPresent() && explicit.get().isEmpty()) {
      throw context.annotations().invalid(SUBNETS, "names no subnet; give IDs or Name tags");
    }
    List<String> existingSubnets =
        existing
            .filter(lb -> scheme.value().equals(lb.scheme()))
            .map(lb -> lb.subnets().stream().map(SubnetMapping::subnetId).toList())
            .orElse(List.of());
    return subnetResolver.resolve(
        new SubnetRequest(
            context.key(SUBNETS),
            scheme,
            false,
            ipAddressType.equals(Addressing.DUALSTACK),
            explicit,
            Optional.empty(),
            existingSubnets));
  }

  private static String privateLinkInboundRules(Annotations annotations) {
    Optional<String> value = annotations.string(PRIVATE_LINK_INBOUND_RULES);
    if (value.isPresent() && !value.get().equals("on") && !value.get().equals("off")) {
      throw annotations.invalid(
          PRIVATE_LINK_INBOUND_RULES, "'" + value.get() + "' is not on or off");
    }
    return value.orElse(null);
  }
}
