package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * TargetGroupBinding targets beyond the plain case, against moto and the real apiserver: a target
 * group of another account reached through STS AssumeRole ({@code iamRoleArnToAssume}; moto keeps
 * each account's resources apart by the assumed role's keys), and {@code
 * --max-targets-per-target-group}.
 */
@RigTest
class TargetGroupBindingTargetsIT {
  private static final Duration CONVERGED = Duration.ofSeconds(60);
  private static final String OTHER_ACCOUNT_ROLE = "arn:aws:iam::111111111111:role/lbc-targets";

  private Rig rig;
  private KubernetesClient kube;
  private AwsTestClients aws;
  private String ns;
  private BindingFixtures fixtures;
  private InProcessController controller;
  private AwsFixtures.TestVpc vpc;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.fixtures = new BindingFixtures(kube, aws, ns);
    Crds.apply(kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
  }

  @AfterEach
  void stop() {
    try {
      fixtures.releaseBindings();
    } finally {
      if (controller != null) {
        controller.close();
      }
      fixtures.close();
    }
  }

  @Test
  void aTargetGroupOfAnotherAccountIsReachedThroughTheRoleTheBindingNames() {
    controller = InProcessController.start(rig, aws, vpc.vpcId(), ns);
    StaticCredentialsProvider other = assumed("ext-1");
    try (var otherEc2 = client(Ec2Client.builder(), other);
        var otherElbv2 = client(ElasticLoadBalancingV2Client.builder(), other)) {
      String otherVpc = otherEc2.createVpc(r -> r.cidrBlock("10.99.0.0/16")).vpc().vpcId();
      String arn =
          AwsFixtures.targetGroup(otherElbv2, "cross-account", otherVpc, TargetTypeEnum.IP);
      assertThat(arn).contains(":111111111111:");
      assertThat(aws.elbv2().describeTargetGroups(r -> {}).targetGroups())
          .as("the cluster's account does not see it")
          .isEmpty();

      fixtures.service(K8sObjects.service(ns, "web", 80));
      fixtures.kwokNode("a", vpc.privateSubnetIds().get(0));
      List<String> ips = fixtures.deployment("web", 2);
      var binding = fixtures.binding("web", arn, BindingTargetType.IP, "web", 80);
      binding.getSpec().iamRoleArnToAssume = OTHER_ACCOUNT_ROLE;
      binding.getSpec().assumeRoleExternalId = "ext-1";
      binding.getSpec().vpcID = otherVpc;
      fixtures.create(binding);

      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(targets(otherElbv2, arn))
                      .containsExactlyElementsOf(ips.stream().map(ip -> ip + ":8080").toList()));
      assertThat(controller.awsCalls("AssumeRole")).isPositive();

      fixtures.delete("web");
      await().atMost(CONVERGED).untilAsserted(() -> assertThat(targets(otherElbv2, arn)).isEmpty());
    }
  }

  @Test
  void maxTargetsPerTargetGroupCapsTheRegistrations() {
    controller =
        InProcessController.start(rig, aws, vpc.vpcId(), ns, "--max-targets-per-target-group=2");
    String arn = fixtures.targetGroup("capped", TargetTypeEnum.IP, vpc.vpcId());
    fixtures.service(K8sObjects.service(ns, "web", 80));
    fixtures.kwokNode("a", vpc.privateSubnetIds().get(0));
    fixtures.deployment("web", 3);
    fixtures.create(fixtures.binding("web", arn, BindingTargetType.IP, "web", 80));

    await().atMost(CONVERGED).until(() -> fixtures.targets(arn).size() == 2);
    List<String> pods =
        Workloads.livePods(kube, ns, "web").stream()
            .map(p -> p.getStatus().getPodIP() + ":8080")
            .toList();
    assertThat(pods).containsAll(fixtures.targets(arn));
    // later reconciles keep to the limit
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixtures.targets(arn).size() == 2);
  }

  private StaticCredentialsProvider assumed(String externalId) {
    Credentials c =
        aws.sts()
            .assumeRole(
                r -> r.roleArn(OTHER_ACCOUNT_ROLE).roleSessionName("test").externalId(externalId))
            .credentials();
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }

  private <C, B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>>
      C client(B builder, StaticCredentialsProvider credentials) {
    return builder
        .endpointOverride(aws.endpoint())
        .region(Region.of(Rig.REGION))
        .credentialsProvider(credentials)
        .build();
  }

  private static List<String> targets(ElasticLoadBalancingV2Client elbv2, String arn) {
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(arn))
        .targetHealthDescriptions()
        .stream()
        .map(TargetHealthDescription::target)
        .map(t -> t.id() + ":" + t.port())
        .sorted()
        .toList();
  }
}
