package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.PortClients;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instances and network interfaces through the project's EC2 port, against moto. */
@RigTest
class InstancesIT {
  static final Map<String, String> CLUSTER_TAG = Map.of("kubernetes.io/cluster/ports", "owned");

  @Test
  void describesInstancesWithTheirInterfacesAndGroupTagsLeavingOutUnknownIds(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();
      String nodes = ec2.createSecurityGroup(vpc.vpcId(), "nodes", "nodes", CLUSTER_TAG);
      String subnet = vpc.privateSubnetIds().get(0);
      List<String> ids = AwsFixtures.runInstances(aws.ec2(), subnet, 2, nodes);

      List<Instance> instances =
          ec2.describeInstances(List.of(ids.get(0), ids.get(1), "i-0123456789abcdef0"));

      assertThat(instances)
          .extracting(Instance::instanceId)
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(instances)
          .allSatisfy(
              i -> {
                assertThat(i.vpcId()).isEqualTo(vpc.vpcId());
                assertThat(i.subnetId()).isEqualTo(subnet);
                assertThat(i.state()).isEqualTo("running");
                assertThat(i.privateIpAddress()).startsWith("10.0.11.");
                assertThat(i.networkInterfaces())
                    .singleElement()
                    .satisfies(
                        eni -> {
                          assertThat(eni.deviceIndex()).isZero();
                          assertThat(eni.attachedInstanceId()).isEqualTo(i.instanceId());
                          assertThat(eni.privateIpAddresses())
                              .containsExactly(i.privateIpAddress());
                          assertThat(eni.groups())
                              .containsExactly(
                                  new NetworkInterface.GroupRef(nodes, "nodes", CLUSTER_TAG));
                        });
              });
      assertThat(ec2.describeInstances(List.of())).isEmpty();
    }
  }

  @Test
  void findsInterfacesOfTheVpcByPrivateAddress(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    var client = aws.ec2();
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();
      String pods = ec2.createSecurityGroup(vpc.vpcId(), "pods", "pods", CLUSTER_TAG);
      String instance =
          AwsFixtures.runInstances(client, vpc.privateSubnetIds().get(0), 1, pods).get(0);
      String instanceIp = ec2.describeInstances(List.of(instance)).get(0).privateIpAddress();
      var detached =
          client
              .createNetworkInterface(
                  r ->
                      r.subnetId(vpc.privateSubnetIds().get(1))
                          .groups(pods)
                          .privateIpAddress("10.0.12.50"))
              .networkInterface();

      List<NetworkInterface> found =
          ec2.describeNetworkInterfacesByPrivateIp(
              vpc.vpcId(), List.of(instanceIp, "10.0.12.50", "10.0.99.1"));

      assertThat(found).hasSize(2);
      assertThat(found)
          .filteredOn(eni -> instance.equals(eni.attachedInstanceId()))
          .singleElement()
          .satisfies(
              eni -> {
                assertThat(eni.deviceIndex()).isZero();
                assertThat(eni.privateIpAddresses()).containsExactly(instanceIp);
                assertThat(eni.groups())
                    .containsExactly(new NetworkInterface.GroupRef(pods, "pods", CLUSTER_TAG));
              });
      assertThat(found)
          .filteredOn(eni -> eni.networkInterfaceId().equals(detached.networkInterfaceId()))
          .containsExactly(
              new NetworkInterface(
                  detached.networkInterfaceId(),
                  vpc.vpcId(),
                  List.of("10.0.12.50"),
                  List.of(new NetworkInterface.GroupRef(pods, "pods", CLUSTER_TAG)),
                  null,
                  -1));
      assertThat(
              ec2.describeNetworkInterfacesByPrivateIp(
                  "vpc-0123456789abcdef0", List.of(instanceIp)))
          .isEmpty();
    }
  }
}
