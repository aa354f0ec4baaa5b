package io.lbc.ingress;

import io.lbc.config.ClusterContext;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.FrontendNlbTargetSpec;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetRequest;
import io.lbc.networking.SubnetResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds the frontend NLB to a group's stack when a member enables it (compat-spec §1.3 #54–#69): an
 * NLB named after the ALB, one TCP listener per NLB port forwarding to a target group of type
 * {@code alb}, and the registration of the ALB (ARN and listener port) in each of them. The NLB
 * takes the ALB's security groups unless it names its own, and the ALB's tags unless {@code
 * frontend-nlb-tags} is set.
 */
final class FrontendNlbAssembler {
  static final String TCP = "TCP";
  private static final int NAME_BASE = 28;

  private final ClusterContext cluster;
  private final SubnetResolver subnets;
  private final SecurityGroupResolver securityGroups;

  FrontendNlbAssembler(
      ClusterContext cluster, SubnetResolver subnets, SecurityGroupResolver securityGroups) {
    this.cluster = cluster;
    this.subnets = subnets;
    this.securityGroups = securityGroups;
  }

  /**
   * @param albTags the ALB's user tags
   * @param userTags the user tags a frontend-nlb-tags map becomes (default tags merged in)
   */
  void add(
      Stack stack,
      FrontendNlbSettings fe,
      Map<String, String> albTags,
      Function<Map<String, String>, Map<String, String>> userTags) {
    if (!fe.enabled()) {
      return;
    }
    LoadBalancerSpec alb =
        (LoadBalancerSpec)
            stack.find(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID).orElseThrow().spec();
    LoadBalancerScheme scheme = fe.scheme != null ? fe.scheme.value() : cluster.defaults().scheme();
    Map<String, String> tags = fe.tags != null ? userTags.apply(fe.tags.value()) : albTags;
    var attributes = new ArrayList<Attribute>();
    if (fe.attributes != null) {
      new TreeMap<>(fe.attributes.value()).forEach((k, v) -> attributes.add(new Attribute(k, v)));
    }
    stack.add(
        LoadBalancerSpec.FRONTEND_NLB_ID,
        new LoadBalancerSpec(
            Names.prefix(alb.name(), NAME_BASE) + "-nlb",
            "network",
            scheme.value(),
            alb.ipAddressType(),
            subnetMappings(fe, scheme, alb.ipAddressType()),
            securityGroups(fe, alb),
            null,
            List.copyOf(attributes),
            tags));
    Token nlbArn =
        ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.FRONTEND_NLB_ID, LoadBalancerSpec.ARN);
    Token albArn = ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    fe.ports.forEach(
        (port, settings) -> {
          String tgId = LoadBalancerSpec.FRONTEND_NLB_ID + "-tg-" + TCP + "-" + port;
          HealthCheckConfig healthCheck = healthCheck(settings);
          stack.add(
              tgId,
              new TargetGroupSpec(
                  targetGroupName(stack, port, healthCheck),
                  "alb",
                  port,
                  TCP,
                  null,
                  "ipv4",
                  healthCheck,
                  List.of(),
                  tags));
          Token tgArn = ResourceType.TARGET_GROUP.ref(tgId, TargetGroupSpec.ARN);
          stack.add(
              LoadBalancerSpec.FRONTEND_NLB_ID + "-ls-" + TCP + "-" + port,
              new ListenerSpec(
                  nlbArn,
                  port,
                  TCP,
                  List.of(Action.forward(tgArn)),
                  List.of(),
                  null,
                  null,
                  List.of(),
                  tags));
          stack.add(
              tgId, new FrontendNlbTargetSpec(tgArn, albArn, port, settings.targetPort.value()));
        });
  }

  private List<Token> securityGroups(FrontendNlbSettings fe, LoadBalancerSpec alb) {
    if (fe.securityGroups == null) {
      return alb.securityGroups();
    }
    return securityGroups.resolve(fe.securityGroups.field(), fe.securityGroups.value()).stream()
        .map(Token::of)
        .toList();
  }

  private List<SubnetMappingSpec> subnetMappings(
      FrontendNlbSettings fe, LoadBalancerScheme scheme, String ipAddressType) {
    var request =
        new SubnetRequest(
            fe.subnets != null ? fe.subnets.field() : FrontendNlbReader.SUBNETS_KEY,
            scheme,
            false,
            !"ipv4".equals(ipAddressType),
            Optional.ofNullable(fe.subnets).map(Provided::value),
            Optional.empty(),
            List.of());
    List<String> ids = subnets.resolve(request);
    if (fe.eipAllocations == null) {
      return ids.stream().map(SubnetMappingSpec::of).toList();
    }
    List<String> eips = fe.eipAllocations.value();
    if (eips.size() != ids.size()) {
      throw FrontendNlbSettings.eipCountMismatch(fe.eipAllocations, ids.size());
    }
    var mappings = new ArrayList<SubnetMappingSpec>();
    for (int i = 0; i < ids.size(); i++) {
      mappings.add(new SubnetMappingSpec(ids.get(i), eips.get(i), null, null));
    }
    return List.copyOf(mappings);
  }

  /** The reference's defaults are the ALB's: HTTP on the traffic port, /, 200, 15 s, 5 s, 2, 2. */
  private static HealthCheckConfig healthCheck(FrontendNlbSettings.Port port) {
    Map<String, Provided<Object>> explicit = port.healthCheck;
    return new HealthCheckConfig(
        (String) value(explicit, FrontendNlbChoices.HC_PORT, FrontendNlbReader.TRAFFIC_PORT),
        (String) value(explicit, FrontendNlbChoices.HC_PROTOCOL, "HTTP"),
        (String) value(explicit, FrontendNlbChoices.HC_PATH, "/"),
        new TargetGroupSpec.Matcher(
            (String) value(explicit, FrontendNlbChoices.HC_SUCCESS_CODES, "200"), null),
        (Integer) value(explicit, FrontendNlbChoices.HC_INTERVAL, 15),
        (Integer) value(explicit, FrontendNlbChoices.HC_TIMEOUT, 5),
        (Integer) value(explicit, FrontendNlbChoices.HC_HEALTHY, 2),
        (Integer) value(explicit, FrontendNlbChoices.HC_UNHEALTHY, 2));
  }

  private static Object value(
      Map<String, Provided<Object>> explicit, String field, Object fallback) {
    Provided<Object> provided = explicit.get(field);
    return provided == null ? fallback : provided.value();
  }

  /**
   * {@code k8s-<group17>-<hash10>} or {@code k8s-<ns8>-<name8>-<hash10>}, hashed over the cluster,
   * the group, the NLB port, {@code alb}, {@code TCP}, the health check port and protocol.
   */
  private String targetGroupName(Stack stack, int port, HealthCheckConfig healthCheck) {
    String hash =
        Names.hash(
            cluster.clusterName(),
            stack.id().value(),
            String.valueOf(port),
            "alb",
            TCP,
            healthCheck.port(),
            healthCheck.protocol());
    return stack.id().namespace().isPresent()
        ? Names.namespacedName(stack.id().namespace().get(), stack.id().name(), hash)
        : Names.groupName(stack.id().value(), hash);
  }
}
