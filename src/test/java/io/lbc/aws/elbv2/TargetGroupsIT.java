package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.PortClients;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.elbv2.TargetGroupSpec.Matcher;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Target groups and their attributes through the project's ELBv2 port, against moto. */
@RigTest
class TargetGroupsIT {
  static final HealthCheckConfig HTTP_CHECK =
      new HealthCheckConfig(
          "traffic-port", "HTTP", "/healthz", new Matcher("200-299", null), 15, 5, 2, 3);
  static final Map<String, String> TAGS =
      Map.of(
          "elbv2.k8s.aws/cluster", "ports",
          "ingress.k8s.aws/stack", "team/web",
          "ingress.k8s.aws/resource", "team/web-svc:http");

  static TargetGroup createHttpTargetGroup(SdkElbv2 elbv2, String vpcId, String name) {
    return elbv2.createTargetGroup(
        new CreateTargetGroup(name, "ip", 8080, "HTTP", "HTTP1", "ipv4", vpcId, HTTP_CHECK, TAGS));
  }

  static TargetGroup createTcpTargetGroup(SdkElbv2 elbv2, String vpcId, String name) {
    return elbv2.createTargetGroup(
        new CreateTargetGroup(
            name,
            "ip",
            443,
            "TCP",
            null,
            "ipv4",
            vpcId,
            new HealthCheckConfig("traffic-port", "TCP", null, null, 10, 10, 3, 3),
            Map.of()));
  }

  @Test
  void createsAnHttpTargetGroupAndFindsItByArnByNameAndInTheList(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();

      TargetGroup created = createHttpTargetGroup(elbv2, vpc.vpcId(), "k8s-team-websvc-0123456789");

      assertThat(created)
          .isEqualTo(
              new TargetGroup(
                  created.arn(),
                  "k8s-team-websvc-0123456789",
                  "ip",
                  8080,
                  "HTTP",
                  "HTTP1",
                  "ipv4",
                  vpc.vpcId(),
                  HTTP_CHECK,
                  List.of()));
      assertThat(elbv2.describeTargetGroup(created.arn())).contains(created);
      assertThat(elbv2.describeTargetGroupByName(created.name())).contains(created);
      assertThat(elbv2.describeTargetGroups()).containsExactly(created);
      assertThat(elbv2.describeTags(List.of(created.arn())).get(created.arn())).isEqualTo(TAGS);
    }
  }

  @Test
  void aTcpTargetGroupHasATcpHealthCheckWithoutPath(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      TargetGroup created = createTcpTargetGroup(ports.elbv2(), vpc.vpcId(), "tcp");

      assertThat(created.protocol()).isEqualTo("TCP");
      assertThat(created.healthCheck().protocol()).isEqualTo("TCP");
      assertThat(created.healthCheck().path()).isNull();
      assertThat(created.healthCheck().healthyThresholdCount()).isEqualTo(3);
      assertThat(ports.elbv2().describeTargetGroup(created.arn())).contains(created);
    }
  }

  @Test
  void modifiesTheHealthCheckAndTheAttributes(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String arn = createHttpTargetGroup(elbv2, vpc.vpcId(), "web").arn();
      var check =
          new HealthCheckConfig("8081", "HTTP", "/ready", new Matcher("200", null), 30, 10, 5, 2);

      TargetGroup modified = elbv2.modifyTargetGroup(arn, check);
      elbv2.modifyTargetGroupAttributes(
          arn,
          Map.of(
              "deregistration_delay.timeout_seconds",
              "30",
              "stickiness.enabled",
              "true",
              "stickiness.type",
              "lb_cookie"));

      assertThat(modified.healthCheck()).isEqualTo(check);
      assertThat(elbv2.describeTargetGroup(arn).orElseThrow().healthCheck()).isEqualTo(check);
      assertThat(elbv2.describeTargetGroupAttributes(arn))
          .containsEntry("deregistration_delay.timeout_seconds", "30")
          .containsEntry("stickiness.enabled", "true")
          .containsEntry("stickiness.type", "lb_cookie");
    }
  }

  @Test
  void looksUpManyArnsTwentyPerCallAndFindsNothingForMissingOnes(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      var arns = new ArrayList<String>();
      for (int i = 0; i < 23; i++) {
        arns.add(createHttpTargetGroup(elbv2, vpc.vpcId(), "tg-" + i).arn());
      }
      String gone = arns.remove(22);
      elbv2.deleteTargetGroup(gone);
      var asked = new ArrayList<>(arns);
      asked.add(gone);

      assertThat(elbv2.describeTargetGroups(asked))
          .extracting(TargetGroup::arn)
          .containsExactlyElementsOf(arns);
      // 20 in one call; the other three fail together and are asked again one by one.
      assertThat(ports.calls("DescribeTargetGroups")).isEqualTo(5);
      assertThat(elbv2.describeTargetGroup(gone)).isEmpty();
      assertThat(elbv2.describeTargetGroupByName("tg-22")).isEmpty();
      assertThat(elbv2.describeTargetGroupAttributes(gone)).isEmpty();
    }
  }

  @Test
  void classifiesDuplicateNamesAndGroupsStillInUse(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String tg = createHttpTargetGroup(elbv2, vpc.vpcId(), "web").arn();
      String lb =
          elbv2
              .createLoadBalancer(LoadBalancersIT.alb("in-use", vpc.publicSubnetIds(), List.of()))
              .arn();
      elbv2.createListener(
          lb,
          new ListenerSettings(
              80, "HTTP", List.of(Action.forward(Token.of(tg))), null, null, List.of()),
          Map.of());

      // Another port: AWS too refuses the name (with equal settings it would return the group).
      assertThatThrownBy(
              () ->
                  elbv2.createTargetGroup(
                      new CreateTargetGroup(
                          "web",
                          "ip",
                          9090,
                          "HTTP",
                          "HTTP1",
                          "ipv4",
                          vpc.vpcId(),
                          HTTP_CHECK,
                          TAGS)))
          .satisfies(e -> assertThat(AwsErrors.isDuplicate(e)).isTrue());
      assertThatThrownBy(() -> elbv2.deleteTargetGroup(tg))
          .satisfies(e -> assertThat(AwsErrors.isResourceInUse(e)).isTrue());

      elbv2.deleteLoadBalancer(lb);
      elbv2.deleteTargetGroup(tg);
      assertThat(elbv2.describeTargetGroup(tg)).isEmpty();
    }
  }
}
