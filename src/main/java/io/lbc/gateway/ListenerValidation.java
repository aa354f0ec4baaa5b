package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.lbc.k8s.gateway.ListenerSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a Gateway's listeners in order, first failure wins (gateway-spec §2.2): route kinds,
 * port, protocol, then conflicts with earlier listeners on the same port (a different protocol
 * unless TCP+UDP; the same non-empty hostname). A protocol conflict outranks an unsupported
 * protocol, as the Gateway API conformance suite expects of ListenerSet listeners.
 */
public final class ListenerValidation {
  private ListenerValidation() {}

  /** The Gateway's own listeners. */
  public static List<ListenerState> validate(GatewayFlavor flavor, Gateway gateway) {
    return validate(flavor, gateway, List.of());
  }

  /**
   * The Gateway's listeners, then those of its accepted ListenerSets in their order (gateway-spec
   * §2.3): a ListenerSet listener conflicting with an earlier one on its port is Conflicted.
   */
  public static List<ListenerState> validate(
      GatewayFlavor flavor, Gateway gateway, List<ListenerSet> listenerSets) {
    var result = new ArrayList<ListenerState>();
    Map<Integer, String> protocolByPort = new HashMap<>();
    Set<String> hostnamesByPort = new HashSet<>();
    var owners = new ArrayList<HasMetadata>();
    owners.add(gateway);
    owners.addAll(listenerSets);
    for (HasMetadata owner : owners) {
      List<Listener> listeners =
          owner instanceof ListenerSet set
              ? ListenerSetHandshake.listeners(set)
              : gateway.getSpec().getListeners();
      for (Listener listener : listeners == null ? List.<Listener>of() : listeners) {
        result.add(
            validateOne(
                flavor, ListenerOwner.of(owner), listener, protocolByPort, hostnamesByPort));
      }
    }
    return List.copyOf(result);
  }

  private static ListenerState validateOne(
      GatewayFlavor flavor,
      ListenerOwner owner,
      Listener listener,
      Map<Integer, String> protocolByPort,
      Set<String> hostnamesByPort) {
    String protocol = listener.getProtocol();
    int port = listener.getPort() == null ? 0 : listener.getPort();
    List<String> listed = listedKinds(listener);
    List<String> kinds;
    boolean badKind = false;
    if (listed == null) {
      kinds = flavor.defaultKinds(protocol);
    } else {
      kinds = new ArrayList<>();
      for (String kind : listed) {
        if (flavor.routeKinds().contains(kind)) {
          kinds.add(kind);
        } else {
          badKind = true;
        }
      }
    }
    if (badKind) {
      return new ListenerState(
          owner,
          listener,
          GatewayReasons.INVALID_ROUTE_KINDS,
          "Invalid route kind for listener " + listener.getName(),
          List.copyOf(kinds));
    }
    if (port < 1 || port > 65535) {
      return new ListenerState(
          owner,
          listener,
          GatewayReasons.PORT_UNAVAILABLE,
          "Port " + port + " is not available (listener name " + listener.getName() + ")",
          kinds);
    }
    // A port an earlier valid listener holds with another protocol is a conflict even when this
    // protocol is one the class does not serve (the conformance suite's ListenerSetProtocolConflict
    // puts a TCP listener on an ALB Gateway's HTTP port); only served protocols claim a port.
    String earlier = protocolByPort.get(port);
    boolean protocolConflict =
        earlier != null && !earlier.equals(protocol) && !tcpAndUdp(earlier, protocol);
    if (!protocolConflict && !flavor.protocols().contains(protocol)) {
      return new ListenerState(
          owner,
          listener,
          GatewayReasons.UNSUPPORTED_PROTOCOL,
          "Unsupported protocol " + protocol + " for listener " + listener.getName(),
          List.of());
    }
    String failure = null;
    String message = null;
    protocolByPort.putIfAbsent(port, protocol);
    if (protocolConflict) {
      failure = GatewayReasons.PROTOCOL_CONFLICT;
      message = "Protocol conflict for port " + port;
    }
    String hostname = listener.getHostname();
    if (hostname != null && !hostname.isEmpty() && !hostnamesByPort.add(port + "/" + hostname)) {
      failure = GatewayReasons.HOSTNAME_CONFLICT;
      message = "Hostname conflict for port " + port + " with hostname " + hostname;
    }
    return new ListenerState(owner, listener, failure, message, kinds);
  }

  private static boolean tcpAndUdp(String a, String b) {
    return Set.of(a, b).equals(Set.of("TCP", "UDP"));
  }

  /** The kinds the listener lists, or null when it lists none (the protocol's defaults apply). */
  private static List<String> listedKinds(Listener listener) {
    if (listener.getAllowedRoutes() == null
        || listener.getAllowedRoutes().getKinds() == null
        || listener.getAllowedRoutes().getKinds().isEmpty()) {
      return null;
    }
    return listener.getAllowedRoutes().getKinds().stream().map(RouteGroupKind::getKind).toList();
  }
}
