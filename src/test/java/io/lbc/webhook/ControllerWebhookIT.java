package io.lbc.webhook;

import static io.lbc.webhook.ItObjects.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.webhook.TestCertificates.KeyFormat;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The controller jar with its webhook server on: not ready until its certificate files appear, then
 * admitting through the real apiserver.
 */
@RigTest
class ControllerWebhookIT {
  @TempDir Path dir;

  @Test
  void becomesReadyWithItsCertificateAndAdmitsThroughTheApiserver(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    Crds.apply(kube);
    String vpcId = AwsFixtures.clusterVpc(aws.ec2(), "webhook-process-it").vpcId();
    String arn = AwsFixtures.targetGroup(aws.elbv2(), "web-ip", vpcId, TargetTypeEnum.IP);
    Path certDir = dir.resolve("certs");
    TestCertificates ca = TestCertificates.newCa(dir);
    int port = ControllerProcess.freePort();

    try (var controller =
        ControllerProcess.start(
            rig,
            aws,
            "controllerWebhook",
            List.of(
                "--cluster-name=webhook-process-it",
                "--aws-vpc-id=" + vpcId,
                "--leader-election-namespace=" + namespace.name(),
                "--webhook-bind-host=127.0.0.1",
                "--webhook-bind-port=" + port,
                "--webhook-cert-dir=" + certDir))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(controller.isAlive()).as(controller.output()).isTrue();
                assertThat(controller.output())
                    .contains("serving admission webhooks")
                    .contains("controller started");
              });
      assertThat(controller.probe("/readyz").status())
          .as("everything else is up; only the serving certificate is missing")
          .isEqualTo(503);

      Files.createDirectories(certDir);
      String serial =
          ca.issue(certDir.resolve("tls.crt"), certDir.resolve("tls.key"), KeyFormat.PKCS1_RSA);

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(controller.probe("/readyz").status()).isEqualTo(200));
      assertThat(servedSerial(ca, port)).isEqualTo(serial);

      try (var registration =
          WebhookRegistration.register(kube, port, ca.caPem(), namespace.name())) {
        TargetGroupBinding nameOnly =
            binding(namespace.name(), "web", "web", s -> s.targetGroupName = "web-ip");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ItObjects.dryRun(kube, nameOnly).getSpec().targetGroupARN != null);

        assertThat(ItObjects.create(kube, nameOnly).getSpec().targetGroupARN).isEqualTo(arn);
        assertThat(controller.metrics().body())
            .contains(
                "controller_runtime_webhook_requests_total{code=\"200\",webhook=\"/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding\"}");
      }
    }
  }

  private static String servedSerial(TestCertificates ca, int port) throws Exception {
    return TlsClients.servedCertificate(ca.caPem(), new InetSocketAddress("127.0.0.1", port))
        .getSerialNumber()
        .toString(16);
  }
}
