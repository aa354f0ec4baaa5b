package io.lbc.gateway;

import io.lbc.config.FeatureGate;
import io.lbc.model.StackKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two Gateway controllers of the reference: ALB for L7 routes, NLB for L4 routes. Each owns the
 * GatewayClasses naming its controller, the Gateways of those classes and its route kinds.
 */
public enum GatewayFlavor {
  ALB(
      "gateway.k8s.aws/alb",
      StackKind.GATEWAY_ALB,
      FeatureGate.ALB_GATEWAY_API,
      Map.of(
          "HTTP", List.of(RouteKinds.HTTP_ROUTE),
          "HTTPS", List.of(RouteKinds.HTTP_ROUTE, RouteKinds.GRPC_ROUTE)),
      Set.of(RouteKinds.HTTP_ROUTE, RouteKinds.GRPC_ROUTE)),
  NLB(
      "gateway.k8s.aws/nlb",
      StackKind.GATEWAY_NLB,
      FeatureGate.NLB_GATEWAY_API,
      Map.of(
          "TLS", List.of(RouteKinds.TLS_ROUTE, RouteKinds.TCP_ROUTE),
          "TCP", List.of(RouteKinds.TCP_ROUTE),
          "UDP", List.of(RouteKinds.UDP_ROUTE)),
      Set.of(RouteKinds.TCP_ROUTE, RouteKinds.UDP_ROUTE, RouteKinds.TLS_ROUTE));

  private final String controllerName;
  private final StackKind stackKind;
  private final FeatureGate gate;
  private final Map<String, List<String>> defaultKinds;
  private final Set<String> routeKinds;

  GatewayFlavor(
      String controllerName,
      StackKind stackKind,
      FeatureGate gate,
      Map<String, List<String>> defaultKinds,
      Set<String> routeKinds) {
    this.controllerName = controllerName;
    this.stackKind = stackKind;
    this.gate = gate;
    this.defaultKinds = defaultKinds;
    this.routeKinds = routeKinds;
  }

  /** The GatewayClass {@code spec.controllerName}; also the route status controllerName. */
  public String controllerName() {
    return controllerName;
  }

  /** The Gateway finalizer: the same string as the controller name. */
  public String finalizer() {
    return controllerName;
  }

  public StackKind stackKind() {
    return stackKind;
  }

  public FeatureGate gate() {
    return gate;
  }

  /** The listener protocols this controller serves. */
  public Set<String> protocols() {
    return defaultKinds.keySet();
  }

  /** The route kinds a listener of that protocol accepts when it lists none. */
  public List<String> defaultKinds(String protocol) {
    return defaultKinds.getOrDefault(protocol, List.of());
  }

  /** The route kinds this controller loads. */
  public Set<String> routeKinds() {
    return routeKinds;
  }

  /** The flavor whose route kind this is (route status controllerName follows the route kind). */
  public static GatewayFlavor ofRouteKind(String kind) {
    return ALB.routeKinds.contains(kind) ? ALB : NLB;
  }

  public static java.util.Optional<GatewayFlavor> ofController(String controllerName) {
    for (GatewayFlavor flavor : values()) {
      if (flavor.controllerName.equals(controllerName)) {
        return java.util.Optional.of(flavor);
      }
    }
    return java.util.Optional.empty();
  }
}
