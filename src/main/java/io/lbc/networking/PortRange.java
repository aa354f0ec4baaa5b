package io.lbc.networking;

/** An inclusive port range of a security group rule. */
public record PortRange(int from, int to) {
  public static final PortRange ALL = new PortRange(0, 65535);

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  /** The smallest range covering both: rules are collapsed to one min–max range per source. */
  public PortRange span(PortRange other) {
    return new PortRange(Math.min(from, other.from), Math.max(to, other.to));
  }

  public boolean covers(PortRange other) {
    return from <= other.from && other.to <= to;
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
