package io.lbc.gateway.l4;

import io.lbc.gateway.l4.GatewayApi.Listener;
import io.lbc.gateway.l4.GatewayApi.RouteGroupKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the listeners of a Gateway served by the NLB controller (gateway-spec §2.2), in spec
 * order, the first failing check winning: route kinds, port, protocol, then protocol and hostname
 * conflicts with the listeners before it (TCP and UDP may share a port).
 */
public final class NlbListenerValidation {
  public static final String INVALID_ROUTE_KINDS = "InvalidRouteKinds";
  public static final String PORT_UNAVAILABLE = "PortUnavailable";
  public static final String UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";
  public static final String PROTOCOL_CONFLICT = "ProtocolConflict";
  public static final String HOSTNAME_CONFLICT = "HostnameConflict";

  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "TLS");
  private static final Map<String, List<String>> DEFAULT_KINDS =
      Map.of(
          "TLS", List.of(GatewayApi.TLS_ROUTE, GatewayApi.TCP_ROUTE),
          "TCP", List.of(GatewayApi.TCP_ROUTE),
          "UDP", List.of(GatewayApi.UDP_ROUTE));

  private NlbListenerValidation() {}

  /**
   * The verdict on one listener.
   *
   * @param reason null when valid
   * @param supportedKinds the route kinds the listener accepts (empty when it accepts none)
   */
  public record Verdict(
      Listener listener, String reason, String message, List<String> supportedKinds) {
    public boolean valid() {
      return reason == null;
    }

    public boolean accepts(String routeKind) {
      return valid() && supportedKinds.contains(routeKind);
    }

    /** Conflicted, Accepted, ResolvedRefs, Programmed, in that order. */
    public List<StatusCondition> conditions(boolean programmed, String notProgrammedMessage) {
      var conditions = new ArrayList<StatusCondition>();
      boolean conflict = PROTOCOL_CONFLICT.equals(reason) || HOSTNAME_CONFLICT.equals(reason);
      conditions.add(
          conflict
              ? StatusCondition.isTrue("Conflicted", reason, message)
              : StatusCondition.isFalse("Conflicted", "NoConflicts", "Listener has no conflict."));
      if (valid() || INVALID_ROUTE_KINDS.equals(reason)) {
        conditions.add(StatusCondition.isTrue("Accepted", "Accepted", "Listener is accepted."));
      } else {
        conditions.add(StatusCondition.isFalse("Accepted", reason, message));
      }
      conditions.add(
          INVALID_ROUTE_KINDS.equals(reason)
              ? StatusCondition.isFalse("ResolvedRefs", reason, message)
              : StatusCondition.isTrue(
                  "ResolvedRefs", "ResolvedRefs", "Listener has all refs resolved."));
      if (!valid()) {
        conditions.add(StatusCondition.isFalse("Programmed", "Invalid", "Listener is not valid."));
      } else if (notProgrammedMessage != null) {
        conditions.add(StatusCondition.isFalse("Programmed", "Invalid", notProgrammedMessage));
      } else if (programmed) {
        conditions.add(
            StatusCondition.isTrue("Programmed", "Programmed", "Listener is programmed."));
      } else {
        conditions.add(
            StatusCondition.isFalse(
                "Programmed", "Pending", "Listener is pending to be programmed."));
      }
      return conditions;
    }
  }

  public static List<Verdict> validate(List<Listener> listeners) {
    var protocolByPort = new HashMap<Integer, String>();
    var portHostnames = new HashSet<String>();
    var verdicts = new ArrayList<Verdict>();
    for (Listener listener : listeners) {
      verdicts.add(validate(listener, protocolByPort, portHostnames));
    }
    return verdicts;
  }

  private static Verdict validate(
      Listener listener, Map<Integer, String> protocolByPort, Set<String> portHostnames) {
    String name = listener.name();
    String protocol = listener.protocol();
    int port = listener.port() == null ? 0 : listener.port();
    List<RouteGroupKind> listed =
        listener.allowedRoutes() == null || listener.allowedRoutes().kinds() == null
            ? List.of()
            : listener.allowedRoutes().kinds();
    var kinds = new ArrayList<String>();
    boolean kindsValid = true;
    if (listed.isEmpty()) {
      kinds.addAll(DEFAULT_KINDS.getOrDefault(protocol, List.of()));
    }
    for (RouteGroupKind kind : listed) {
      boolean groupOk = kind.group() == null || GatewayApi.GROUP.equals(kind.group());
      if (groupOk && GatewayApi.L4_ROUTE_KINDS.contains(kind.kind())) {
        kinds.add(kind.kind());
      } else {
        kindsValid = false;
      }
    }
    if (!kindsValid) {
      return new Verdict(
          listener, INVALID_ROUTE_KINDS, "Invalid route kind for listener " + name, kinds);
    }
    if (port < 1 || port > 65535) {
      return new Verdict(
          listener,
          PORT_UNAVAILABLE,
          "Port " + port + " is not available (listener name " + name + ")",
          List.of());
    }
    if (!PROTOCOLS.contains(protocol)) {
      return new Verdict(
          listener,
          UNSUPPORTED_PROTOCOL,
          "Unsupported protocol " + protocol + " for listener " + name,
          List.of());
    }
    String reason = null;
    String message = null;
    String existing = protocolByPort.putIfAbsent(port, protocol);
    if (existing != null && !existing.equals(protocol) && !tcpAndUdp(existing, protocol)) {
      reason = PROTOCOL_CONFLICT;
      message = "Protocol conflict for port " + port;
    }
    if (listener.hostname() != null && !portHostnames.add(port + "-" + listener.hostname())) {
      reason = HOSTNAME_CONFLICT;
      message = "Hostname conflict for port " + port + " with hostname " + listener.hostname();
    }
    return new Verdict(listener, reason, message, reason == null ? kinds : List.of());
  }

  private static boolean tcpAndUdp(String a, String b) {
    return Set.of(a, b).equals(Set.of("TCP", "UDP"));
  }
}
