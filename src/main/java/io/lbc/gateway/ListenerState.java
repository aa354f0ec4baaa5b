package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.List;

/**
 * One Gateway listener after validation (gateway-spec §2.2).
 *
 * @param owner the Gateway or the ListenerSet that declares the listener
 * @param failure null when valid, else the reason: {@code InvalidRouteKinds}, {@code
 *     PortUnavailable}, {@code UnsupportedProtocol}, {@code ProtocolConflict}, {@code
 *     HostnameConflict}
 * @param kinds the route kinds the listener accepts (its supportedKinds)
 */
public record ListenerState(
    ListenerOwner owner, Listener listener, String failure, String message, List<String> kinds) {

  public boolean valid() {
    return failure == null;
  }

  public String name() {
    return listener.getName();
  }

  public int port() {
    return listener.getPort() == null ? 0 : listener.getPort();
  }

  public String protocol() {
    return listener.getProtocol();
  }

  /** The listener hostname, null for none. */
  public String hostname() {
    String hostname = listener.getHostname();
    return hostname == null || hostname.isEmpty() ? null : hostname;
  }

  public boolean conflicted() {
    return GatewayReasons.PROTOCOL_CONFLICT.equals(failure)
        || GatewayReasons.HOSTNAME_CONFLICT.equals(failure);
  }

  /** Accepted is True for a valid listener and for one whose only fault is its route kinds. */
  public boolean accepted() {
    return valid() || GatewayReasons.INVALID_ROUTE_KINDS.equals(failure);
  }
}
