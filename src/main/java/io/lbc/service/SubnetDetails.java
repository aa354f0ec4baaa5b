package io.lbc.service;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Subnet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The NLB's chosen subnets with their CIDR blocks, described only when a part of the build needs
 * them (fixed addresses, node rules of an NLB without security groups).
 */
final class SubnetDetails {
  private final Ec2 ec2;
  private final List<String> subnetIds;
  private List<Subnet> subnets;

  SubnetDetails(Ec2 ec2, List<String> subnetIds) {
    this.ec2 = ec2;
    this.subnetIds = List.copyOf(subnetIds);
  }

  List<String> ids() {
    return subnetIds;
  }

  /** The subnets in the order of {@link #ids()}. */
  List<Subnet> subnets() {
    if (subnets == null) {
      Map<String, Subnet> byId =
          ec2.describeSubnets(subnetIds).stream()
              .collect(Collectors.toMap(Subnet::subnetId, Function.identity(), (a, b) -> a));
      var missing = subnetIds.stream().filter(id -> !byId.containsKey(id)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalStateException("subnets disappeared while building: " + missing);
      }
      subnets = subnetIds.stream().map(byId::get).toList();
    }
    return subnets;
  }

  /** IPv4 CIDR blocks, or IPv6 ones, of every subnet in order. */
  List<String> cidrs(boolean ipv6) {
    return subnets().stream()
        .flatMap(
            s -> ipv6 ? s.ipv6CidrBlocks().stream() : java.util.stream.Stream.of(s.cidrBlock()))
        .toList();
  }
}
