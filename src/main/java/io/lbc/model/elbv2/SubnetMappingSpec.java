package io.lbc.model.elbv2;

/** A subnet of a load balancer, with the optional fixed addresses of an NLB. */
public record SubnetMappingSpec(
    String subnetID, String allocationID, String privateIPv4Address, String ipv6Address) {

  public static SubnetMappingSpec of(String subnetId) {
    return new SubnetMappingSpec(subnetId, null, null, null);
  }
}
