package io.lbc.aws.elbv2;

import java.util.List;
import java.util.Map;

/**
 * What a new load balancer is created with; tags are applied at creation.
 *
 * @param ipv4IpamPoolId the IPAM pool of its IPv4 addresses; null for none
 * @param enablePrefixForIpv6SourceNat NLB only, {@code on} or {@code off}; null to leave it unset
 */
public record CreateLoadBalancer(
    String name,
    String type,
    String scheme,
    String ipAddressType,
    List<SubnetMapping> subnets,
    List<String> securityGroups,
    Map<String, String> tags,
    String ipv4IpamPoolId,
    String enablePrefixForIpv6SourceNat) {

  public CreateLoadBalancer(
      String name,
      String type,
      String scheme,
      String ipAddressType,
      List<SubnetMapping> subnets,
      List<String> securityGroups,
      Map<String, String> tags) {
    this(name, type, scheme, ipAddressType, subnets, securityGroups, tags, null, null);
  }
}
