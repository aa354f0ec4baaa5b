package io.lbc.networking;

/**
 * What backend rules are aggregated by: the target's security group, the protocol and the source.
 *
 * @param protocol {@code tcp} or {@code udp}
 */
public record RuleKey(String groupId, String protocol, RuleSource source) {

  /** Exactly one of the three is set. */
  public record RuleSource(String ipv4Cidr, String ipv6Cidr, String groupId) {
    public static RuleSource cidr(String cidr) {
      return cidr.contains(":")
          ? new RuleSource(null, cidr, null)
          : new RuleSource(cidr, null, null);
    }

    public static RuleSource securityGroup(String groupId) {
      return new RuleSource(null, null, groupId);
    }

    @Override
    public String toString() {
      return ipv4Cidr != null ? ipv4Cidr : ipv6Cidr != null ? ipv6Cidr : groupId;
    }
  }
}
