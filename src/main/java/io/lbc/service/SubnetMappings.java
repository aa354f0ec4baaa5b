package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.EIP_ALLOCATIONS;
import static io.lbc.service.ServiceAnnotationKeys.IPV6_ADDRESSES;
import static io.lbc.service.ServiceAnnotationKeys.PRIVATE_IPV4_ADDRESSES;

import io.lbc.aws.ec2.Subnet;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.elbv2.SubnetMappingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NLB's subnet mappings with the optional fixed addresses (compat-spec §2.2 rows 8–10): Elastic
 * IPs by position, private IPv4 and IPv6 addresses by the subnet whose CIDR holds them.
 */
final class SubnetMappings {
  private final BuildContext context;

  SubnetMappings(BuildContext context) {
    this.context = context;
  }

  /**
   * @param sourceNat the NLB's IPv6 source NAT switch ({@link SourceNat#enable})
   */
  List<SubnetMappingSpec> build(
      LoadBalancerScheme scheme,
      String ipAddressType,
      SubnetDetails subnets,
      Optional<String> sourceNat) {
    var annotations = context.annotations();
    Optional<List<String>> natPrefixes =
        SourceNat.prefixes(annotations, ipAddressType, sourceNat, subnets::subnets);
    int count = subnets.ids().size();
    Optional<List<String>> eips = annotations.stringList(EIP_ALLOCATIONS);
    if (eips.isPresent()) {
      if (scheme != LoadBalancerScheme.INTERNET_FACING) {
        throw annotations.invalid(
            EIP_ALLOCATIONS,
            "Elastic IPs need an internet-facing load balancer, this one is " + scheme);
      }
      requireCount(EIP_ALLOCATIONS, "Elastic IP allocations", eips.get().size(), subnets);
    }
    Optional<List<String>> privateIps = annotations.stringList(PRIVATE_IPV4_ADDRESSES);
    if (privateIps.isPresent()) {
      if (scheme != LoadBalancerScheme.INTERNAL) {
        throw annotations.invalid(
            PRIVATE_IPV4_ADDRESSES,
            "private IPv4 addresses need an internal load balancer, this one is " + scheme);
      }
      requireCount(
          PRIVATE_IPV4_ADDRESSES, "private IPv4 addresses", privateIps.get().size(), subnets);
    }
    Optional<List<String>> ipv6 = annotations.stringList(IPV6_ADDRESSES);
    if (ipv6.isPresent()) {
      if (!ipAddressType.equals(Addressing.DUALSTACK)) {
        throw annotations.invalid(
            IPV6_ADDRESSES,
            "IPv6 addresses need a dualstack load balancer (aws-load-balancer-ip-address-type: dualstack)");
      }
      requireCount(IPV6_ADDRESSES, "IPv6 addresses", ipv6.get().size(), subnets);
    }

    var mappings = new ArrayList<SubnetMappingSpec>();
    for (int i = 0; i < count; i++) {
      int index = i;
      String subnetId = subnets.ids().get(i);
      String allocation = eips.isPresent() ? eips.get().get(i) : null;
      String privateIp =
          privateIps.isPresent()
              ? addressIn(PRIVATE_IPV4_ADDRESSES, privateIps.get(), false, subnets.subnets().get(i))
              : null;
      String ipv6Address =
          ipv6.isPresent()
              ? addressIn(IPV6_ADDRESSES, ipv6.get(), true, subnets.subnets().get(i))
              : null;
      mappings.add(
          new SubnetMappingSpec(
              subnetId,
              allocation,
              privateIp,
              ipv6Address,
              natPrefixes.map(p -> p.get(index)).orElse(null)));
    }
    return List.copyOf(mappings);
  }

  private void requireCount(String suffix, String what, int given, SubnetDetails subnets) {
    if (given != subnets.ids().size()) {
      throw context
          .annotations()
          .invalid(
              suffix,
              "has "
                  + given
                  + " "
                  + what
                  + " but the load balancer has "
                  + subnets.ids().size()
                  + " subnets "
                  + subnets.ids()
                  + "; give exactly one per subnet");
    }
  }

  /** The one address of the list that lies in the subnet. */
  private String addressIn(String suffix, List<String> addresses, boolean ipv6, Subnet subnet) {
    var cidrs = ipv6 ? subnet.ipv6CidrBlocks() : List.of(subnet.cidrBlock());
    var inSubnet = new ArrayList<String>();
    for (String text : addresses) {
      IpAddresses address =
          IpAddresses.address(text)
              .filter(a -> a.isIpv6() == ipv6)
              .orElseThrow(
                  () ->
                      context
                          .annotations()
                          .invalid(
                              suffix,
                              "'" + text + "' is not an " + (ipv6 ? "IPv6" : "IPv4") + " address"));
      boolean contained =
          cidrs.stream()
              .map(IpAddresses::cidr)
              .flatMap(Optional::stream)
              .anyMatch(block -> block.contains(address));
      if (contained) {
        inSubnet.add(text);
      }
    }
    if (inSubnet.size() != 1) {
      throw context
          .annotations()
          .invalid(
              suffix,
              "needs exactly one address in subnet "
                  + subnet.subnetId()
                  + " "
                  + cidrs
                  + ", found "
                  + (inSubnet.isEmpty() ? "none" : inSubnet));
    }
    return inSubnet.get(0);
  }
}
