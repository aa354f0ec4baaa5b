package io.lbc.aws.elbv2;

/** A subnet of a load balancer; the optional addresses are null when not set. */
public record SubnetMapping(
    String subnetId, String allocationId, String privateIPv4Address, String ipv6Address) {

  public static SubnetMapping of(String subnetId) {
    return new SubnetMapping(subnetId, null, null, null);
  }
}
