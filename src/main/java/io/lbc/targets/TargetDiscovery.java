package io.lbc.targets;

/**
 * Where a binding's endpoints are read from and what happens when none is ready, as the reference's
 * endpoint resolver.
 *
 * @param endpointSlices {@code --enable-endpoint-slices}: read discovery/v1 EndpointSlices, or
 *     (false) the core/v1 Endpoints of the Service
 * @param failOpen the {@code EndpointsFailOpen} feature gate: with no ready target, register the
 *     nodes whose readiness is {@code Unknown} (instance) or the endpoints whose containers are
 *     ready on such nodes (ip), and keep the registered targets when every endpoint fails its
 *     probes; without it only ready targets are ever registered
 * @param quicServerIdVariable {@code --quic-environment-variable-name}: the pod environment
 *     variable QUIC targets take their server ID from
 */
public record TargetDiscovery(
    boolean endpointSlices, boolean failOpen, String quicServerIdVariable) {
  public static final String DEFAULT_QUIC_VARIABLE = "AWS_LBC_QUIC_SERVER_ID";

  /** The reference's defaults: EndpointSlices, failing open. */
  public static TargetDiscovery defaults() {
    return new TargetDiscovery(true, true, DEFAULT_QUIC_VARIABLE);
  }
}
