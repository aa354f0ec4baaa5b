package io.lbc.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The reference controller's feature gates with their defaults. Where its documentation and its
 * code spell a key differently, both spellings are accepted.
 */
public enum FeatureGate {
  LISTENER_RULES_TAGGING(true, "ListenerRulesTagging"),
  WEIGHTED_TARGET_GROUPS(true, "WeightedTargetGroups"),
  SERVICE_TYPE_LOAD_BALANCER_ONLY(false, "ServiceTypeLoadBalancerOnly"),
  ENDPOINTS_FAIL_OPEN(true, "EndpointsFailOpen"),
  ENABLE_SERVICE_CONTROLLER(true, "EnableServiceController"),
  ENABLE_IP_TARGET_TYPE(true, "EnableIPTargetType"),
  ENABLE_RGT_API(false, "EnableRGTAPI"),
  SUBNETS_CLUSTER_TAG_CHECK(true, "SubnetsClusterTagCheck"),
  NLB_HEALTH_CHECK_ADVANCED_CONFIG(
      true, "NLBHealthCheckAdvancedConfig", "NLBHealthCheckAdvancedConfiguration"),
  NLB_SECURITY_GROUP(true, "NLBSecurityGroup"),
  ALB_SINGLE_SUBNET(false, "ALBSingleSubnet"),
  LB_CAPACITY_RESERVATION(true, "LBCapacityReservation"),
  ENABLE_TCP_UDP_LISTENER(false, "EnableTCPUDPListener", "EnableTCPUDPListenerType"),
  SUBNET_DISCOVERY_BY_REACHABILITY(true, "SubnetDiscoveryByReachability"),
  NLB_GATEWAY_API(true, "NLBGatewayAPI"),
  ALB_GATEWAY_API(true, "ALBGatewayAPI"),
  GATEWAY_LISTENER_SET(true, "GatewayListenerSet"),
  GLOBAL_ACCELERATOR_CONTROLLER(false, "GlobalAcceleratorController"),
  ENHANCED_DEFAULT_BEHAVIOR(false, "EnhancedDefaultBehavior"),
  ENABLE_DEFAULT_TAGS_LOW_PRIORITY(false, "EnableDefaultTagsLowPriority"),
  ALB_TARGET_CONTROL_AGENT(false, "ALBTargetControlAgent"),
  ENABLE_CERTIFICATE_MANAGEMENT(false, "EnableCertificateManagement"),
  INGRESS_PLAN_ANNOTATION(false, "IngressPlanAnnotation");

  private final boolean enabledByDefault;
  private final List<String> keys;

  FeatureGate(boolean enabledByDefault, String key, String... aliases) {
    this.enabledByDefault = enabledByDefault;
    this.keys = concat(key, aliases);
  }

  private static List<String> concat(String key, String... aliases) {
    var all = new java.util.ArrayList<String>();
    all.add(key);
    all.addAll(List.of(aliases));
    return List.copyOf(all);
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  /** The key the reference controller's code accepts. */
  public String key() {
    return keys.get(0);
  }

  public static Optional<FeatureGate> byKey(String key) {
    return Arrays.stream(values()).filter(g -> g.keys.contains(key)).findFirst();
  }
}
