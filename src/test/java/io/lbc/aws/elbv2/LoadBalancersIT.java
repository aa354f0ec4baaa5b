package io.lbc.aws.elbv2;

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

/** Load balancers through the project's ELBv2 port, against moto. */
@RigTest
class LoadBalancersIT {
  static final Map<String, String> TAGS =
      Map.of(
          "elbv2.k8s.aws/cluster", "ports",
          "ingress.k8s.aws/stack", "team/web",
          "ingress.k8s.aws/resource", "LoadBalancer");

  static CreateLoadBalancer alb(String name, List<String> subnetIds, List<String> groups) {
    return new CreateLoadBalancer(
        name,
        "application",
        "internet-facing",
        "ipv4",
        subnetIds.stream().map(SubnetMapping::of).toList(),
        groups,
        TAGS);
  }

  @Test
  void findsALoadBalancerByArnAndNothingOnceItIsDeleted(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      LoadBalancer created =
          elbv2.createLoadBalancer(
              alb("k8s-team-web-0123456789", vpc.publicSubnetIds(), List.of()));

      assertThat(elbv2.describeLoadBalancer(created.arn()))
          .get()
          .usingRecursiveComparison()
          .ignoringFields("state")
          .isEqualTo(created);
      assertThat(elbv2.describeLoadBalancer(created.arn()).get().state()).isEqualTo("active");

      elbv2.deleteLoadBalancer(created.arn());

      assertThat(elbv2.describeLoadBalancer(created.arn())).isEmpty();
      assertThat(elbv2.describeLoadBalancerAttributes(created.arn())).isEmpty();
    }
  }

  @Test
  void looksUpManyArnsTwentyPerCallAndLeavesOutThoseThatDoNotExist(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      var arns = new ArrayList<String>();
      for (int i = 0; i < 22; i++) {
        arns.add(elbv2.createLoadBalancer(alb("lb-" + i, vpc.publicSubnetIds(), List.of())).arn());
      }
      String gone = arns.remove(21);
      elbv2.deleteLoadBalancer(gone);
      // moto notices an unknown ARN only ahead of every known one in the call (see
      // rig/moto-gaps.md), so the deleted one leads the second batch.
      var asked = new ArrayList<>(arns.subList(0, 20));
      asked.add(gone);
      asked.add(arns.get(20));

      List<LoadBalancer> found = elbv2.describeLoadBalancers(asked);

      assertThat(found).extracting(LoadBalancer::arn).containsExactlyElementsOf(arns);
      // 20 in one call; the batch of the deleted ARN and the last existing one fails as a whole
      // and is asked again one ARN at a time: 1 + 1 + 2 calls.
      assertThat(ports.calls("DescribeLoadBalancers")).isEqualTo(4);
      assertThat(elbv2.describeLoadBalancers()).hasSize(21);
    }
  }

  @Test
  void readsAndModifiesAttributes(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String arn = elbv2.createLoadBalancer(alb("attrs", vpc.publicSubnetIds(), List.of())).arn();
      assertThat(elbv2.describeLoadBalancerAttributes(arn))
          .containsEntry("deletion_protection.enabled", "false");

      elbv2.modifyLoadBalancerAttributes(
          arn,
          Map.of("idle_timeout.timeout_seconds", "120", "deletion_protection.enabled", "true"));

      assertThat(elbv2.describeLoadBalancerAttributes(arn))
          .containsEntry("idle_timeout.timeout_seconds", "120")
          .containsEntry("deletion_protection.enabled", "true");
    }
  }

  @Test
  void changesSecurityGroupsSubnetsAndIpAddressType(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    String first = securityGroup(aws, vpc.vpcId(), "first");
    String second = securityGroup(aws, vpc.vpcId(), "second");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String arn =
          elbv2.createLoadBalancer(alb("moving", vpc.publicSubnetIds(), List.of(first))).arn();

      elbv2.setSecurityGroups(arn, List.of(first, second));
      elbv2.setSubnets(arn, vpc.privateSubnetIds().stream().map(SubnetMapping::of).toList());
      elbv2.setIpAddressType(arn, "dualstack");

      LoadBalancer read = elbv2.describeLoadBalancer(arn).orElseThrow();
      assertThat(read.securityGroups()).containsExactly(first, second);
      assertThat(read.subnets())
          .extracting(SubnetMapping::subnetId)
          .containsExactlyInAnyOrderElementsOf(vpc.privateSubnetIds());
      assertThat(read.ipAddressType()).isEqualTo("dualstack");
    }
  }

  @Test
  void createsAnInternalNetworkLoadBalancerWithoutSecurityGroups(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      LoadBalancer created =
          elbv2.createLoadBalancer(
              new CreateLoadBalancer(
                  "k8s-team-nlb-0123456789",
                  "network",
                  "internal",
                  "ipv4",
                  vpc.privateSubnetIds().stream().map(SubnetMapping::of).toList(),
                  List.of(),
                  Map.of("service.k8s.aws/stack", "team/nlb")));

      assertThat(created.type()).isEqualTo("network");
      assertThat(created.scheme()).isEqualTo("internal");
      assertThat(created.securityGroups()).isEmpty();
      assertThat(elbv2.describeTags(List.of(created.arn())).get(created.arn()))
          .isEqualTo(Map.of("service.k8s.aws/stack", "team/nlb"));
    }
  }

  static String securityGroup(AwsTestClients aws, String vpcId, String name) {
    return aws.ec2()
        .createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name))
        .groupId();
  }
}
