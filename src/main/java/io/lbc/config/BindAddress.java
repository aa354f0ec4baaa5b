package io.lbc.config;

import java.net.InetSocketAddress;

/** A {@code host:port} to listen on; an empty host means every interface. */
public record BindAddress(String host, int port) {

  /** Parses {@code :8080}, {@code 127.0.0.1:8080} or {@code [::1]:8080}. */
  public static BindAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + text + "' is not host:port (e.g. :8080)");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric port");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
    return new BindAddress(host, port);
  }

  public InetSocketAddress toSocketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
