package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.PREFIX_FOR_IPV6_SOURCE_NAT;
import static io.lbc.service.ServiceAnnotationKeys.SOURCE_NAT_IPV6_PREFIXES;

import io.lbc.annotations.Annotations;
import io.lbc.aws.ec2.Subnet;
import io.lbc.model.elbv2.SubnetMappingSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * IPv6 source NAT of a dualstack NLB (compat-spec §2.2 #11–#12), checked as the reference checks
 * it: {@code enable-prefix-for-ipv6-source-nat} is {@code on} or {@code off}, {@code on} needs a
 * dualstack load balancer whose subnets all have an IPv6 CIDR; the prefixes need it {@code on}, one
 * per subnet, each {@code auto_assigned} or a /80 inside its subnet's IPv6 CIDR.
 */
final class SourceNat {
  static final String ON = "on";
  static final String OFF = "off";
  static final String PREFIX_LENGTH = "80";

  private SourceNat() {}

  /** {@code on} or {@code off} as asked; empty when the annotation is absent (left alone). */
  static Optional<String> enable(
      Annotations annotations, String ipAddressType, Supplier<List<Subnet>> subnets) {
    Optional<String> raw = annotations.string(PREFIX_FOR_IPV6_SOURCE_NAT);
    if (raw.isEmpty()) {
      return raw;
    }
    String value = raw.get();
    if (!value.equals(ON) && !value.equals(OFF)) {
      throw annotations.invalid(
          PREFIX_FOR_IPV6_SOURCE_NAT, "'" + value + "' is not one of on, off");
    }
    if (value.equals(ON)) {
      if (!ipAddressType.equals(Addressing.DUALSTACK)) {
        throw annotations.invalid(
            PREFIX_FOR_IPV6_SOURCE_NAT,
            "is only applicable to Network Load Balancers using the dualstack IP address type");
      }
      List<String> withoutIpv6 =
          subnets.get().stream()
              .filter(s -> s.ipv6CidrBlocks().isEmpty())
              .map(Subnet::subnetId)
              .toList();
      if (!withoutIpv6.isEmpty()) {
        throw annotations.invalid(
            PREFIX_FOR_IPV6_SOURCE_NAT,
            "needs an IPv6 CIDR on every subnet of the load balancer; these have none: "
                + withoutIpv6);
      }
    }
    return Optional.of(value);
  }

  /** The prefix of each subnet, in subnet order; empty when the annotation is absent. */
  static Optional<List<String>> prefixes(
      Annotations annotations,
      String ipAddressType,
      Optional<String> enable,
      Supplier<List<Subnet>> subnetDetails) {
    Optional<List<String>> prefixes = annotations.stringList(SOURCE_NAT_IPV6_PREFIXES);
    if (prefixes.isEmpty()) {
      return prefixes;
    }
    List<Subnet> subnets = subnetDetails.get();
    if (!ipAddressType.equals(Addressing.DUALSTACK)) {
      throw annotations.invalid(
          SOURCE_NAT_IPV6_PREFIXES,
          "can only be set for Network Load Balancers using the dualstack IP address type");
    }
    if (!enable.equals(Optional.of(ON))) {
      throw annotations.invalid(
          SOURCE_NAT_IPV6_PREFIXES,
          "is only applicable when " + annotations.key(PREFIX_FOR_IPV6_SOURCE_NAT) + " is on");
    }
    List<String> values = prefixes.get();
    if (values.size() != subnets.size()) {
      throw annotations.invalid(
          SOURCE_NAT_IPV6_PREFIXES,
          "has "
              + values.size()
              + " prefixes but the load balancer has "
              + subnets.size()
              + " subnets; give exactly one per subnet");
    }
    for (int i = 0; i < values.size(); i++) {
      String problem = problem(values.get(i), subnets.get(i));
      if (problem != null) {
        throw annotations.invalid(SOURCE_NAT_IPV6_PREFIXES, problem);
      }
    }
    return prefixes;
  }

  private static String problem(String prefix, Subnet subnet) {
    if (prefix.equals(SubnetMappingSpec.AUTO_ASSIGNED)) {
      return null;
    }
    int slash = prefix.indexOf('/');
    if (slash < 0) {
      return "'" + prefix + "' is not an IPv6 /" + PREFIX_LENGTH + " nor auto_assigned";
    }
    if (!prefix.substring(slash + 1).equals(PREFIX_LENGTH)) {
      return "'"
          + prefix
          + "': the prefix length must be "
          + PREFIX_LENGTH
          + ", not "
          + prefix.substring(slash + 1);
    }
    Optional<IpAddresses> address =
        IpAddresses.address(prefix.substring(0, slash)).filter(IpAddresses::isIpv6);
    if (address.isEmpty()) {
      return "'" + prefix + "' is not a valid IPv6 CIDR";
    }
    boolean inside =
        subnet.ipv6CidrBlocks().stream()
            .map(IpAddresses::cidr)
            .flatMap(Optional::stream)
            .anyMatch(block -> block.contains(address.get()));
    return inside
        ? null
        : "'"
            + prefix
            + "' is not within the IPv6 CIDRs "
            + subnet.ipv6CidrBlocks()
            + " of subnet "
            + subnet.subnetId();
  }
}
