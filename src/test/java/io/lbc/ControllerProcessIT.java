package io.lbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller jar, as its own process, against moto and the real apiserver. */
@RigTest
class ControllerProcessIT {
  @Test
  void startsBecomesReadyAndCountsItsAwsCalls(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "process-it");

    try (var controller =
        ControllerProcess.start(
            rig,
            aws,
            "startsBecomesReady",
            List.of(
                "--cluster-name=process-it",
                "--aws-vpc-id=" + vpc.vpcId(),
                "--leader-election-namespace=" + namespace.name()))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                assertThat(controller.isAlive()).as(controller.output()).isTrue();
                assertThat(controller.probe("/readyz").status()).isEqualTo(200);
              });
      assertThat(controller.probe("/healthz").status()).isEqualTo(200);

      String metrics = controller.metrics().body();
      assertThat(metrics)
          .containsPattern(
              "aws_api_calls_total\\{[^}]*operation=\"DescribeVpcs\"[^}]*service=\"EC2\"[^}]*status_code=\"200\"[^}]*} 1\\.0");
      assertThat(metrics).contains("aws_api_call_duration_seconds");

      // The leader holds the Lease named by --leader-election-id in the namespace given.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          kube.leases()
                              .inNamespace(namespace.name())
                              .withName("aws-load-balancer-controller-leader")
                              .get())
                      .isNotNull()
                      .satisfies(l -> assertThat(l.getSpec().getHolderIdentity()).isNotBlank()));
      assertThat(controller.output()).contains("\"level\":\"INFO\"");
    }
  }

  @Test
  void aMissingVpcStopsStartupWithTheFlagNamed(Rig rig, AwsTestClients aws) throws Exception {
    try (var controller =
        ControllerProcess.start(
            rig,
            aws,
            "missingVpc",
            List.of(
                "--cluster-name=process-it",
                "--aws-vpc-id=vpc-0000000000000000f",
                "--enable-leader-election=false"))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !controller.isAlive());
      assertThat(controller.exitValue()).isNotZero();
      assertThat(controller.output()).contains("--aws-vpc-id").contains("vpc-0000000000000000f");
    }
  }
}
