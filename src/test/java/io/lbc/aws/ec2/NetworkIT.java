package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.PortClients;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VPCs, subnets, zones and route tables through the project's EC2 port, against moto. */
@RigTest
class NetworkIT {
  @Test
  void findsTheClusterVpcByIdAndByTagsAndNothingForAnUnknownId(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();

      Vpc found = ec2.describeVpc(vpc.vpcId()).orElseThrow();

      assertThat(found)
          .isEqualTo(
              new Vpc(vpc.vpcId(), List.of("10.0.0.0/16"), List.of(), Map.of("Name", "ports-vpc")));
      assertThat(ec2.findVpcsByTags(Map.of("Name", "ports-vpc"))).containsExactly(found);
      assertThat(ec2.findVpcsByTags(Map.of("Name", "other"))).isEmpty();
      assertThat(ec2.describeVpc("vpc-0123456789abcdef0")).isEmpty();
    }
  }

  @Test
  void describesSubnetsByIdInTheVpcAndByNameLeavingOutUnknownIds(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();
      String publicA = vpc.publicSubnetIds().get(0);

      List<Subnet> byId = ec2.describeSubnets(List.of(publicA, "subnet-0123456789abcdef0"));

      assertThat(byId)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.subnetId()).isEqualTo(publicA);
                assertThat(s.vpcId()).isEqualTo(vpc.vpcId());
                assertThat(s.availabilityZone()).isEqualTo("us-west-2a");
                assertThat(s.availabilityZoneId()).isNotBlank();
                assertThat(s.cidrBlock()).isEqualTo("10.0.1.0/24");
                assertThat(s.ipv6CidrBlocks()).isEmpty();
                assertThat(s.availableIpAddressCount()).isPositive();
                assertThat(s.outpostArn()).isNull();
                assertThat(s.tags())
                    .containsEntry("Name", "public-a")
                    .containsEntry("kubernetes.io/role/elb", "1")
                    .containsEntry("kubernetes.io/cluster/ports", "owned");
              });
      var all = new ArrayList<>(vpc.publicSubnetIds());
      all.addAll(vpc.privateSubnetIds());
      assertThat(ec2.describeSubnetsInVpc(vpc.vpcId()))
          .extracting(Subnet::subnetId)
          .containsExactlyInAnyOrderElementsOf(all);
      assertThat(ec2.describeSubnetsByName(vpc.vpcId(), List.of("private-a", "private-b", "nope")))
          .extracting(Subnet::subnetId)
          .containsExactlyInAnyOrderElementsOf(vpc.privateSubnetIds());
      assertThat(ec2.describeSubnets(List.of())).isEmpty();
    }
  }

  @Test
  void keepsEachSubnetLookupWithinTwoHundredFilterValues(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      var ids = new ArrayList<>(vpc.privateSubnetIds());
      for (int i = 0; i < 248; i++) {
        ids.add(String.format("subnet-%017x", i));
      }

      List<Subnet> found = ports.ec2().describeSubnets(ids);

      assertThat(found)
          .extracting(Subnet::subnetId)
          .containsExactlyElementsOf(vpc.privateSubnetIds());
      assertThat(ports.calls("DescribeSubnets")).isEqualTo(2);
    }
  }

  @Test
  void describesZonesByNameWithTheirIdsAndType(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      List<AvailabilityZone> zones =
          ports.ec2().describeAvailabilityZones(List.of("us-west-2a", "us-west-2b", "us-west-2z"));

      assertThat(zones)
          .extracting(AvailabilityZone::zoneName)
          .containsExactlyInAnyOrder("us-west-2a", "us-west-2b");
      assertThat(zones).extracting(AvailabilityZone::zoneType).containsOnly("availability-zone");
      assertThat(zones)
          .extracting(AvailabilityZone::zoneId)
          .allSatisfy(id -> assertThat(id).startsWith("usw2-az"));
      assertThat(ports.ec2().describeAvailabilityZones(List.of())).isEmpty();
    }
  }

  @Test
  void describesTheMainTableAndAPublicTableWithItsSubnetsAndInternetGateway(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    var ec2Client = aws.ec2();
    String igw = ec2Client.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2Client.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc.vpcId()));
    String publicTable =
        ec2Client.createRouteTable(r -> r.vpcId(vpc.vpcId())).routeTable().routeTableId();
    ec2Client.createRoute(
        r -> r.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    for (String subnet : vpc.publicSubnetIds()) {
      ec2Client.associateRouteTable(r -> r.routeTableId(publicTable).subnetId(subnet));
    }
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      List<RouteTable> tables = ports.ec2().describeRouteTables(vpc.vpcId());

      assertThat(tables).hasSize(2);
      assertThat(tables)
          .filteredOn(RouteTable::main)
          .singleElement()
          .satisfies(
              main -> {
                assertThat(main.subnetIds()).isEmpty();
                assertThat(main.gatewayIds()).isEmpty();
              });
      assertThat(tables)
          .filteredOn(t -> t.routeTableId().equals(publicTable))
          .containsExactly(new RouteTable(publicTable, false, vpc.publicSubnetIds(), List.of(igw)));
    }
  }
}
