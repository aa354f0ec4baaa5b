package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.BACKEND_PROTOCOL;
import static io.lbc.service.ServiceAnnotationKeys.QUIC_PORTS;
import static io.lbc.service.ServiceAnnotationKeys.SSL_CERT;
import static io.lbc.service.ServiceAnnotationKeys.SSL_PORTS;
import static io.lbc.service.ServiceAnnotationKeys.TCP_UDP_LISTENER;

import io.lbc.config.FeatureGate;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One listener per Service port number (compat-spec §2.2 listener derivation): TCP or UDP as the
 * port says, TLS where certificates and ssl-ports ask for it, a TCP and a UDP port of the same
 * number merged into TCP_UDP when enabled, UDP upgraded to QUIC where asked.
 */
final class ListenerPlanner {
  private final BuildContext context;

  ListenerPlanner(BuildContext context) {
    this.context = context;
  }

  List<ListenerPort> plan() {
    var annotations = context.annotations();
    boolean mergeTcpUdp =
        annotations
            .bool(TCP_UDP_LISTENER)
            .orElse(context.enabled(FeatureGate.ENABLE_TCP_UDP_LISTENER));
    List<String> certificates = annotations.stringList(SSL_CERT).orElse(List.of());
    List<String> tlsPorts = existingPorts(SSL_PORTS);
    List<String> quicPorts = annotations.stringList(QUIC_PORTS).orElse(List.of());
    boolean tlsToTargets = annotations.string(BACKEND_PROTOCOL).filter("ssl"::equals).isPresent();

    var byNumber = new LinkedHashMap<Integer, List<ServiceView.Port>>();
    for (ServiceView.Port port : context.service().ports()) {
      if (!port.protocol().equals("TCP") && !port.protocol().equals("UDP")) {
        throw new UserInputException(
            port.field("protocol"),
            "unknown protocol '"
                + port.protocol()
                + "': a network load balancer serves TCP and UDP");
      }
      byNumber.computeIfAbsent(port.port(), n -> new ArrayList<>()).add(port);
    }

    var listeners = new ArrayList<ListenerPort>();
    for (List<ServiceView.Port> samePort : byNumber.values()) {
      ServiceView.Port port = samePort.get(0);
      String protocol = samePort.size() > 1 ? tcpUdp(samePort, mergeTcpUdp) : port.protocol();
      String targetProtocol = protocol;
      boolean tls =
          protocol.equals("TCP")
              && !certificates.isEmpty()
              && (tlsPorts.isEmpty() || tlsPorts.stream().anyMatch(port::matches));
      if (tls) {
        protocol = "TLS";
        targetProtocol = tlsToTargets ? "TLS" : "TCP";
      }
      if (quicPorts.stream().anyMatch(port::matches)) {
        protocol = quic(protocol, port);
        targetProtocol = protocol;
      }
      listeners.add(new ListenerPort(port, protocol, targetProtocol));
    }
    return List.copyOf(listeners);
  }

  /** The ports an annotation lists, each of which must name or number a Service port. */
  private List<String> existingPorts(String suffix) {
    List<String> ports = context.annotations().stringList(suffix).orElse(List.of());
    var unknown =
        ports.stream()
            .filter(p -> context.service().ports().stream().noneMatch(sp -> sp.matches(p)))
            .toList();
    if (!unknown.isEmpty()) {
      throw context
          .annotations()
          .invalid(
              suffix,
              "names ports the Service does not have: "
                  + unknown
                  + " (use port names or numbers from spec.ports)");
    }
    return ports;
  }

  private String tcpUdp(List<ServiceView.Port> samePort, boolean merge) {
    ServiceView.Port first = samePort.get(0);
    if (!merge) {
      throw new UserInputException(
          samePort.get(1).field("port"),
          "port "
              + first.port()
              + " appears more than once; a TCP and a UDP port of the same number need one"
              + " TCP_UDP listener: set "
              + context.key(TCP_UDP_LISTENER)
              + ": \"true\"");
    }
    if (samePort.size() != 2 || first.protocol().equals(samePort.get(1).protocol())) {
      throw new UserInputException(
          samePort.get(1).field("port"),
          "port "
              + first.port()
              + " can only be shared by exactly one TCP and one UDP port to form a TCP_UDP"
              + " listener");
    }
    return "TCP_UDP";
  }

  private String quic(String protocol, ServiceView.Port port) {
    return switch (protocol) {
      case "UDP" -> "QUIC";
      case "TCP_UDP" -> "TCP_QUIC";
      default ->
          throw context
              .annotations()
              .invalid(
                  QUIC_PORTS,
                  "port "
                      + port.port()
                      + " is "
                      + protocol
                      + "; only UDP and TCP_UDP listeners can carry QUIC");
    };
  }
}
