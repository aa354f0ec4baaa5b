package io.lbc.networking;

import io.lbc.aws.ec2.RouteTable;
import io.lbc.aws.ec2.Subnet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which subnets are public: their route table (explicitly associated, else the VPC's main one) has
 * a route to an Internet Gateway.
 */
final class RouteReachability {
  private final List<RouteTable> routeTables;

  RouteReachability(List<RouteTable> routeTables) {
    this.routeTables = routeTables;
  }

  Set<String> publicSubnets(List<Subnet> subnets) {
    var result = new HashSet<String>();
    RouteTable main = routeTables.stream().filter(RouteTable::main).findFirst().orElse(null);
    for (Subnet subnet : subnets) {
      RouteTable table =
          routeTables.stream()
              .filter(t -> t.subnetIds().contains(subnet.subnetId()))
              .findFirst()
              .orElse(main);
      if (table != null && table.gatewayIds().stream().anyMatch(g -> g.startsWith("igw-"))) {
        result.add(subnet.subnetId());
      }
    }
    return result;
  }
}
