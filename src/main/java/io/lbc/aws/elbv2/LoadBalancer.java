package io.lbc.aws.elbv2;

import java.util.List;

/**
 * A load balancer as ELBv2 describes it.
 *
 * @param ipv4IpamPoolId its IPv4 IPAM pool; null for none
 * @param enablePrefixForIpv6SourceNat {@code on} or {@code off} (NLB); null when not reported
 */
public record LoadBalancer(
    String arn,
    String name,
    String type,
    String scheme,
    String ipAddressType,
    String dnsName,
    String vpcId,
    String state,
    List<SubnetMapping> subnets,
    List<String> securityGroups,
    String ipv4IpamPoolId,
    String enablePrefixForIpv6SourceNat) {

  public LoadBalancer(
      String arn,
      String name,
      String type,
      String scheme,
      String ipAddressType,
      String dnsName,
      String vpcId,
      String state,
      List<SubnetMapping> subnets,
      List<String> securityGroups) {
    this(
        arn,
        name,
        type,
        scheme,
        ipAddressType,
        dnsName,
        vpcId,
        state,
        subnets,
        securityGroups,
        null,
        null);
  }
}
