package io.lbc.targets;

import io.lbc.aws.elbv2.Target;

/**
 * What identifies a registered target: its ID and port, and in a QUIC target group its server ID
 * too (a pod whose server ID changed is another target). The availability zone is how it was
 * registered, not who it is.
 *
 * @param quicServerId null outside QUIC target groups
 */
public record TargetKey(String id, int port, String quicServerId) implements Comparable<TargetKey> {
  private static final String SERVER_ID_PREFIX = "0x";

  public TargetKey(String id, int port) {
    this(id, port, null);
  }

  public static TargetKey of(Target target) {
    return new TargetKey(target.id(), target.port(), target.quicServerId());
  }

  /** The reference controller's identifier, {@code id:port} or {@code id:port:serverId}. */
  @Override
  public String toString() {
    return quicServerId == null ? id + ":" + port : id + ":" + port + ":" + quicServerId;
  }

  /**
   * Parses {@link #toString()}; the port is after the last colon (or before a trailing server ID),
   * so IPv6 IDs work.
   */
  public static TargetKey parse(String value) {
    int colon = value.lastIndexOf(':');
    String last = value.substring(colon + 1);
    if (last.startsWith(SERVER_ID_PREFIX)) {
      TargetKey base = parse(value.substring(0, colon));
      return new TargetKey(base.id(), base.port(), last);
    }
    return new TargetKey(value.substring(0, colon), Integer.parseInt(last));
  }

  @Override
  public int compareTo(TargetKey other) {
    int byId = id.compareTo(other.id);
    if (byId != 0) {
      return byId;
    }
    int byPort = Integer.compare(port, other.port);
    if (byPort != 0) {
      return byPort;
    }
    return String.valueOf(quicServerId).compareTo(String.valueOf(other.quicServerId));
  }
}
