package io.lbc.ingress;

import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.config.ClusterContext;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetRequest;
import io.lbc.networking.SubnetResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds the load balancer and its frontend security group to a stack (compat-spec §5.1, §6): the
 * managed security group unless the group names its own, plus the shared backend security group.
 */
final class LoadBalancerAssembler {
  static final String DEFAULT_IP_ADDRESS_TYPE = "ipv4";

  private final ClusterContext cluster;
  private final SubnetResolver subnets;
  private final SecurityGroupResolver securityGroups;

  LoadBalancerAssembler(
      ClusterContext cluster, SubnetResolver subnets, SecurityGroupResolver securityGroups) {
    this.cluster = cluster;
    this.subnets = subnets;
    this.securityGroups = securityGroups;
  }

  /**
   * @return the source of node rules for the TargetGroupBindings, or empty when the user's own
   *     security groups front the load balancer and backend rules are not managed
   */
  Optional<Token> add(
      Stack stack,
      GroupSettings settings,
      Optional<LoadBalancer> existing,
      Map<String, String> tags) {
    LoadBalancerScheme scheme =
        settings.scheme != null ? settings.scheme.value() : cluster.defaults().scheme();
    String ipAddressType =
        settings.ipAddressType != null ? settings.ipAddressType.value() : DEFAULT_IP_ADDRESS_TYPE;
    var groupSecurityGroups = new ArrayList<Token>();
    Optional<Token> nodeRuleSource =
        frontend(stack, settings, ipAddressType, tags, groupSecurityGroups);
    var attributes = new ArrayList<Attribute>();
    settings.loadBalancerAttributes().forEach((k, v) -> attributes.add(new Attribute(k, v)));
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            name(stack, settings, scheme),
            "application",
            scheme.value(),
            ipAddressType,
            subnetMappings(settings, scheme, ipAddressType, existing),
            List.copyOf(groupSecurityGroups),
            settings.customerOwnedIpv4Pool == null ? null : settings.customerOwnedIpv4Pool.value(),
            List.copyOf(attributes),
            tags,
            null,
            settings.ipv4IpamPool == null ? null : settings.ipv4IpamPool.value(),
            null));
    if (settings.minimumCapacityUnits != null) {
      stack.add(
          LoadBalancerSpec.ID,
          new CapacityReservationSpec(
              ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN),
              settings.minimumCapacityUnits.value()));
    }
    return nodeRuleSource;
  }

  private Optional<Token> frontend(
      Stack stack,
      GroupSettings settings,
      String ipAddressType,
      Map<String, String> tags,
      List<Token> result) {
    boolean backendGroup = cluster.build().enableBackendSecurityGroup();
    if (settings.securityGroups != null) {
      securityGroups
          .resolve(settings.securityGroups.field(), settings.securityGroups.value())
          .forEach(id -> result.add(Token.of(id)));
      boolean manageRules =
          settings.manageBackendSecurityGroupRules != null
              ? settings.manageBackendSecurityGroupRules.value()
              : cluster.build().manageBackendSecurityGroupRules();
      if (manageRules) {
        result.add(SharedRefs.BACKEND_SECURITY_GROUP);
        return Optional.of(SharedRefs.BACKEND_SECURITY_GROUP);
      }
      return Optional.empty();
    }
    String hash = Names.hash(cluster.clusterName(), stack.id().value());
    stack.add(
        SecurityGroupSpec.ID,
        new SecurityGroupSpec(
            shapedName(stack, hash),
            "[k8s] Managed SecurityGroup for LoadBalancer",
            new ManagedSecurityGroupRules(settings, ipAddressType).permissions(),
            tags));
    Token managed =
        ResourceType.SECURITY_GROUP.ref(SecurityGroupSpec.ID, SecurityGroupSpec.GROUP_ID);
    result.add(managed);
    if (backendGroup) {
      result.add(SharedRefs.BACKEND_SECURITY_GROUP);
      return Optional.of(SharedRefs.BACKEND_SECURITY_GROUP);
    }
    return Optional.of(managed);
  }

  private String name(Stack stack, GroupSettings settings, LoadBalancerScheme scheme) {
    if (settings.loadBalancerName != null) {
      return settings.loadBalancerName.value();
    }
    return shapedName(stack, Names.hash(cluster.clusterName(), stack.id().value(), scheme.value()));
  }

  /**
   * {@code k8s-<group17>-<hash10>} for an explicit group, {@code k8s-<ns8>-<name8>-<hash10>} else.
   */
  private static String shapedName(Stack stack, String hash) {
    return stack.id().namespace().isPresent()
        ? Names.namespacedName(stack.id().namespace().get(), stack.id().name(), hash)
        : Names.groupName(stack.id().value(), hash);
  }

  private List<SubnetMappingSpec> subnetMappings(
      GroupSettings settings,
      LoadBalancerScheme scheme,
      String ipAddressType,
      Optional<LoadBalancer> existing) {
    List<String> existingSubnets =
        existing
            .filter(lb -> scheme.value().equals(lb.scheme()))
            .map(lb -> lb.subnets().stream().map(SubnetMapping::subnetId).toList())
            .orElse(List.of());
    SubnetChoice choice = settings.subnets == null ? null : settings.subnets.value();
    var request =
        new SubnetRequest(
            settings.subnets != null
                ? settings.subnets.field()
                : "alb.ingress.kubernetes.io/" + LoadBalancerSettingsReader.SUBNETS,
            scheme,
            true,
            !ipAddressType.equals("ipv4"),
            choice == null ? Optional.empty() : choice.idsOrNames(),
            choice == null ? Optional.empty() : choice.tags(),
            existingSubnets);
    return subnets.resolve(request).stream().map(SubnetMappingSpec::of).toList();
  }
}
