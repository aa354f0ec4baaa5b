package io.lbc.model.elbv2;

/**
 * A subnet of a load balancer, with the optional fixed addresses of an NLB.
 *
 * @param sourceNatIpv6Prefix NLB with IPv6 source NAT only: a /80 of the subnet, or {@code
 *     auto_assigned}; null otherwise
 */
public record SubnetMappingSpec(
    String subnetID,
    String allocationID,
    String privateIPv4Address,
    String ipv6Address,
    String sourceNatIpv6Prefix) {
  public static final String AUTO_ASSIGNED = "auto_assigned";

  public SubnetMappingSpec(
      String subnetID, String allocationID, String privateIPv4Address, String ipv6Address) {
    this(subnetID, allocationID, privateIPv4Address, ipv6Address, null);
  }

  public static SubnetMappingSpec of(String subnetId) {
    return new SubnetMappingSpec(subnetId, null, null, null);
  }
}
