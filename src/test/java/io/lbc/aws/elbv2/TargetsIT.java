package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.PortClients;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Registering and deregistering targets through the project's ELBv2 port, against moto. */
@RigTest
class TargetsIT {
  static List<Target> ipTargets(int count, int port) {
    return IntStream.range(0, count)
        .mapToObj(i -> Target.of("10.0." + (1 + i / 200) + "." + (10 + i % 200), port))
        .toList();
  }

  @Test
  void registersAndDeregistersIpTargetsTwoHundredPerCall(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String tg = TargetGroupsIT.createHttpTargetGroup(elbv2, vpc.vpcId(), "ips").arn();
      List<Target> targets = ipTargets(450, 8080);

      int registerCalls = elbv2.registerTargets(tg, targets);

      assertThat(registerCalls).isEqualTo(3);
      assertThat(ports.calls("RegisterTargets")).isEqualTo(3);
      List<TargetHealth> health = elbv2.describeTargetHealth(tg);
      assertThat(health)
          .extracting(TargetHealth::target)
          .containsExactlyInAnyOrderElementsOf(targets);
      // moto reports every registered target healthy at once (rig/moto-gaps.md).
      assertThat(health).extracting(TargetHealth::state).containsOnly("healthy");

      int deregisterCalls = elbv2.deregisterTargets(tg, targets.subList(0, 250));

      assertThat(deregisterCalls).isEqualTo(2);
      assertThat(elbv2.describeTargetHealth(tg))
          .extracting(TargetHealth::target)
          .containsExactlyInAnyOrderElementsOf(targets.subList(250, 450));
      assertThat(elbv2.registerTargets(tg, List.of())).isZero();
      assertThat(ports.calls("RegisterTargets")).isEqualTo(3);
    }
  }

  @Test
  void registersInstancesWithTheirNodePort(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    List<String> instances = AwsFixtures.runInstances(aws.ec2(), vpc.privateSubnetIds().get(0), 2);
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String tg =
          elbv2
              .createTargetGroup(
                  new CreateTargetGroup(
                      "nodes",
                      "instance",
                      30080,
                      "HTTP",
                      "HTTP1",
                      "ipv4",
                      vpc.vpcId(),
                      TargetGroupsIT.HTTP_CHECK,
                      TargetGroupsIT.TAGS))
              .arn();
      List<Target> targets = instances.stream().map(id -> Target.of(id, 30080)).toList();

      elbv2.registerTargets(tg, targets);

      assertThat(elbv2.describeTargetHealth(tg))
          .extracting(TargetHealth::target)
          .containsExactlyInAnyOrderElementsOf(targets);

      elbv2.deregisterTargets(tg, targets.subList(0, 1));

      assertThat(elbv2.describeTargetHealth(tg))
          .extracting(TargetHealth::target)
          .containsExactly(targets.get(1));
    }
  }

  @Test
  void aDeletedTargetGroupHasNoTargets(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String tg = TargetGroupsIT.createHttpTargetGroup(elbv2, vpc.vpcId(), "gone").arn();
      elbv2.registerTargets(tg, ipTargets(3, 80));

      elbv2.deleteTargetGroup(tg);

      assertThat(elbv2.describeTargetHealth(tg)).isEmpty();
    }
  }
}
