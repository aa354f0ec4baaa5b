package io.lbc.k8s.gateway;

/**
 * Names shared by the Gateway API kinds and our three {@code gateway.k8s.aws} configuration CRDs.
 */
public final class GatewayCrds {
  /**
   * The API group of LoadBalancerConfiguration, TargetGroupConfiguration,
   * ListenerRuleConfiguration.
   */
  public static final String GROUP = "gateway.k8s.aws";

  /** The Gateway API group. */
  public static final String GATEWAY_API_GROUP = "gateway.networking.k8s.io";

  private GatewayCrds() {}
}
