package io.lbc.model.ec2;

import io.lbc.model.Token;
import java.util.List;

/**
 * One inbound rule: a protocol and port range from a set of sources. {@code ipProtocol} is {@code
 * tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or {@code -1}.
 */
public record IpPermission(
    String ipProtocol,
    Integer fromPort,
    Integer toPort,
    List<IpRange> ipRanges,
    List<Ipv6Range> ipv6Ranges,
    List<PrefixListId> prefixListIds,
    List<UserIdGroupPair> userIdGroupPairs) {

  public record IpRange(String cidrIP, String description) {}

  public record Ipv6Range(String cidrIPv6, String description) {}

  public record PrefixListId(String listID, String description) {}

  public record UserIdGroupPair(Token groupID, String description) {}
}
