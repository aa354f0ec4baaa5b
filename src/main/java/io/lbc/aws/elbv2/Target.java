package io.lbc.aws.elbv2;

/**
 * A target: an instance ID or an IP with a port.
 *
 * @param availabilityZone null, or {@code all} for IPs outside the target group's VPC
 * @param quicServerId the target's QUIC server ID ({@code 0x} + 16 hex digits) in a QUIC or
 *     TCP_QUIC target group, else null
 */
public record Target(String id, int port, String availabilityZone, String quicServerId) {
  public Target(String id, int port, String availabilityZone) {
    this(id, port, availabilityZone, null);
  }

  public static Target of(String id, int port) {
    return new Target(id, port, null, null);
  }

  /** The same target with a QUIC server ID. */
  public Target withQuicServerId(String serverId) {
    return new Target(id, port, availabilityZone, serverId);
  }
}
