package io.lbc.webhook;

import static io.lbc.webhook.ItObjects.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.Crds;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving certificate rotated under a live apiserver: each rotation is picked up without a
 * restart and no admission fails while it happens.
 */
@RigTest
class CertificateRotationWebhookIT {
  static final int ROTATIONS = 5;

  @TempDir Path dir;

  @Test
  void rotationsAreServedWithoutARestartAndWithoutAFailedAdmission(
      KubernetesClient kube, TestNamespace namespace) throws Exception {
    Crds.apply(kube);
    String ns = namespace.name();
    var settings = new Webhooks.Settings("alb", "service.k8s.aws/nlb", "vpc-00000001", true, false);
    var bad =
        new IngressBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName("bad")
            .addToAnnotations("kubernetes.io/ingress.class", "alb")
            .addToAnnotations("alb.ingress.kubernetes.io/conditions.web", "[{\"field\":\"nope\"}]")
            .endMetadata()
            .withNewSpec()
            .withNewDefaultBackend()
            .withNewService()
            .withName("web")
            .withNewPort()
            .withNumber(80)
            .endPort()
            .endService()
            .endDefaultBackend()
            .endSpec()
            .build();

    try (var webhooks =
        InProcessWebhooks.start(kube, null, new SimpleMeterRegistry(), dir, ns, settings)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> refusal(() -> kube.resource(bad).dryRun().create()) != null);

      // Admissions run without pause while the certificate is rotated underneath them.
      var rotating = new AtomicBoolean(true);
      var outcomes = new ArrayList<String>();
      Thread admissions =
          new Thread(
              () -> {
                while (rotating.get()) {
                  String refused = refusal(() -> kube.resource(bad).dryRun().create());
                  synchronized (outcomes) {
                    outcomes.add(refused == null ? "admitted" : refused);
                  }
                }
              });
      admissions.start();
      List<String> serials = new ArrayList<>();
      try {
        for (int i = 0; i < ROTATIONS; i++) {
          String serial = webhooks.rotate();
          serials.add(serial);
          await()
              .atMost(Duration.ofSeconds(20))
              .untilAsserted(
                  () ->
                      assertThat(
                              TlsClients.servedCertificate(webhooks.caPem(), webhooks.address())
                                  .getSerialNumber()
                                  .toString(16))
                          .isEqualTo(serial));
        }
      } finally {
        rotating.set(false);
        admissions.join(30_000);
      }

      assertThat(serials).doesNotHaveDuplicates().hasSize(ROTATIONS);
      synchronized (outcomes) {
        System.out.printf(
            "%d admissions during %d certificate rotations%n", outcomes.size(), ROTATIONS);
        assertThat(outcomes).isNotEmpty();
        assertThat(outcomes)
            .as("every admission reached the validator, none failed on TLS")
            .allSatisfy(
                o ->
                    assertThat(o)
                        .contains("denied the request: alb.ingress.kubernetes.io/conditions.web"));
      }
    }
  }
}
