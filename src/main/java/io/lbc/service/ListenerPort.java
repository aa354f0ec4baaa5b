package io.lbc.service;

/**
 * One listener of the NLB and the Service port behind it.
 *
 * @param servicePort the port whose number, NodePort and targetPort the listener and its target
 *     group use (the first of the two ports a TCP_UDP listener merges)
 * @param protocol TCP, UDP, TLS, TCP_UDP, QUIC or TCP_QUIC
 * @param targetGroupProtocol the same, except TCP behind a TLS listener unless the backend protocol
 *     is ssl
 */
record ListenerPort(ServiceView.Port servicePort, String protocol, String targetGroupProtocol) {

  int port() {
    return servicePort.port();
  }

  /** Whether clients reach targets over UDP too (which always preserves their IP addresses). */
  boolean carriesUdp() {
    return switch (targetGroupProtocol) {
      case "UDP", "QUIC", "TCP_UDP", "TCP_QUIC" -> true;
      default -> false;
    };
  }
}
