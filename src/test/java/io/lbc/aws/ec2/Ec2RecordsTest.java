package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;

class Ec2RecordsTest {
  @Test
  void aRouteTableNamesItsSubnetsAndGatewaysButNotTheLocalRoute() {
    var table =
        software.amazon.awssdk.services.ec2.model.RouteTable.builder()
            .routeTableId("rtb-1")
            .associations(a -> a.main(true), a -> a.main(false).subnetId("subnet-1"))
            .routes(
                r -> r.destinationCidrBlock("10.0.0.0/16").gatewayId("local"),
                r -> r.destinationCidrBlock("0.0.0.0/0").gatewayId("igw-1"),
                r -> r.destinationCidrBlock("1.0.0.0/8").natGatewayId("nat-1"))
            .build();

    assertThat(Ec2Records.routeTable(table))
        .isEqualTo(new RouteTable("rtb-1", true, List.of("subnet-1"), List.of("igw-1")));
  }

  @Test
  void anInstanceListsInterfacesByDeviceIndexPrimaryAddressFirstWithGroupTags() {
    var secondary =
        InstanceNetworkInterface.builder()
            .networkInterfaceId("eni-2")
            .vpcId("vpc-1")
            .privateIpAddress("10.0.1.20")
            .privateIpAddresses(
                InstancePrivateIpAddress.builder()
                    .privateIpAddress("10.0.1.20")
                    .primary(true)
                    .build())
            .attachment(a -> a.deviceIndex(1))
            .groups(g -> g.groupId("sg-2").groupName("other"))
            .build();
    var primary =
        InstanceNetworkInterface.builder()
            .networkInterfaceId("eni-1")
            .vpcId("vpc-1")
            .privateIpAddress("10.0.1.10")
            .privateIpAddresses(
                InstancePrivateIpAddress.builder()
                    .privateIpAddress("10.0.1.11")
                    .primary(false)
                    .build(),
                InstancePrivateIpAddress.builder()
                    .privateIpAddress("10.0.1.10")
                    .primary(true)
                    .build())
            .attachment(a -> a.deviceIndex(0))
            .groups(g -> g.groupId("sg-1").groupName("node"))
            .build();
    var instance =
        software.amazon.awssdk.services.ec2.model.Instance.builder()
            .instanceId("i-1")
            .vpcId("vpc-1")
            .subnetId("subnet-1")
            .privateIpAddress("10.0.1.10")
            .state(s -> s.name("running"))
            .networkInterfaces(secondary, primary)
            .build();

    Instance read =
        Ec2Records.instance(instance, Map.of("sg-1", Map.of("kubernetes.io/cluster/c", "owned")));

    assertThat(read.state()).isEqualTo("running");
    assertThat(read.networkInterfaces())
        .containsExactly(
            new NetworkInterface(
                "eni-1",
                "vpc-1",
                List.of("10.0.1.10", "10.0.1.11"),
                List.of(
                    new NetworkInterface.GroupRef(
                        "sg-1", "node", Map.of("kubernetes.io/cluster/c", "owned"))),
                "i-1",
                0),
            new NetworkInterface(
                "eni-2",
                "vpc-1",
                List.of("10.0.1.20"),
                List.of(new NetworkInterface.GroupRef("sg-2", "other", Map.of())),
                "i-1",
                1));
  }

  @Test
  void aDetachedInterfaceHasNoInstanceAndDeviceIndexMinusOne() {
    var eni =
        software.amazon.awssdk.services.ec2.model.NetworkInterface.builder()
            .networkInterfaceId("eni-9")
            .vpcId("vpc-1")
            .privateIpAddress("10.0.2.5")
            .build();

    assertThat(Ec2Records.networkInterface(eni, Map.of()))
        .isEqualTo(
            new NetworkInterface(
                "eni-9", "vpc-1", List.of("10.0.2.5"), List.of(), null, Ec2Records.NOT_ATTACHED));
  }
}
