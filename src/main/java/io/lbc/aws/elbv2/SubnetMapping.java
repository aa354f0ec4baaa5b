package io.lbc.aws.elbv2;

/**
 * A subnet of a load balancer; the optional addresses are null when not set.
 *
 * @param sourceNatIpv6Prefix the IPv6 source NAT prefix of an NLB in this subnet (sent as a /80 or
 *     {@code auto_assigned}; described as the /80 AWS chose); null when none
 */
public record SubnetMapping(
    String subnetId,
    String allocationId,
    String privateIPv4Address,
    String ipv6Address,
    String sourceNatIpv6Prefix) {

  public SubnetMapping(
      String subnetId, String allocationId, String privateIPv4Address, String ipv6Address) {
    this(subnetId, allocationId, privateIPv4Address, ipv6Address, null);
  }

  public static SubnetMapping of(String subnetId) {
    return new SubnetMapping(subnetId, null, null, null);
  }
}
