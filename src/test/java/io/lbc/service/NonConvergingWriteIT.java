package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * A drift the emulator cannot fix is written a bounded number of times (3), then reported once as a
 * {@code NonConvergingWrite} Warning naming the resource and the field, and left alone although the
 * Service keeps being reconciled.
 */
@RigTest
class NonConvergingWriteIT {
  private static final Duration TOUCHING = Duration.ofSeconds(40);

  private ServiceRig world;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  /**
   * moto keeps no matcher on a TCP target group whose health check turns HTTP (rig/moto-gaps.md
   * #30): every read shows the matcher missing, whatever the controller sends.
   */
  @Test
  void aHealthCheckMatcherMotoDropsIsWrittenThreeTimesThenReportedOnce() {
    LoadBalancer lb = world.convergedWebOnPods();
    String targetGroup = world.state().targetGroupOf(lb, 80).targetGroupArn();
    assertThat(world.controller().awsCalls("ModifyTargetGroup")).isZero();

    world.annotate("web", "aws-load-balancer-healthcheck-protocol", "http");
    touchRepeatedly();

    List<Event> warnings = awaitOneWarning();
    assertThat(warnings.get(0).getMessage())
        .startsWith("targetGroup ")
        .contains(": healthCheck (reads back ", "does not converge", "written 3 times");
    assertThat(warnings.get(0).getCount()).isOne();
    assertThat(world.state().targetGroup(targetGroup).healthCheckProtocolAsString())
        .isEqualTo("HTTP");
    long writes = world.controller().awsCalls("ModifyTargetGroup");
    System.out.printf("ModifyTargetGroup calls for a drift moto cannot fix: %d%n", writes);
    assertThat(writes).isEqualTo(3);
  }

  /**
   * moto refuses ModifyListener to protocol TLS (rig/moto-gaps.md #20): a TCP listener asked to
   * become TLS never does. The refused calls are bounded too.
   */
  @Test
  void aListenerProtocolMotoRefusesToChangeIsTriedThreeTimesThenReportedOnce() {
    LoadBalancer lb = world.convergedWebOnPods();
    String listener = world.state().listeners(lb.loadBalancerArn()).get(80).listenerArn();
    String certificate = AwsFixtures.importCertificate(world.aws.acm(), "web.example.com");

    world.annotate("web", "aws-load-balancer-ssl-cert", certificate);
    touchRepeatedly();

    List<Event> warnings = awaitOneWarning();
    assertThat(warnings.get(0).getMessage())
        .startsWith("listener 80: protocol (reads back TCP)")
        .contains("do not converge", "written 3 times");
    assertThat(warnings.get(0).getCount()).isOne();
    assertThat(world.state().listeners(lb.loadBalancerArn()).get(80).listenerArn())
        .isEqualTo(listener);
    assertThat(world.state().listeners(lb.loadBalancerArn()).get(80).protocolAsString())
        .isEqualTo("TCP");
    long writes = world.controller().awsCalls("ModifyListener");
    System.out.printf("ModifyListener calls for a drift moto cannot fix: %d%n", writes);
    assertThat(writes).isEqualTo(3);
  }

  /** Reconciles the Service every two seconds by touching an annotation nothing reads. */
  private void touchRepeatedly() {
    long end = System.nanoTime() + TOUCHING.toNanos();
    int touch = 0;
    while (System.nanoTime() < end) {
      int n = ++touch;
      world.edit(
          "web",
          s -> {
            var annotations = new HashMap<>(s.getMetadata().getAnnotations());
            annotations.put("test.lbc.io/touch", String.valueOf(n));
            s.getMetadata().setAnnotations(annotations);
            return s;
          });
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<Event> awaitOneWarning() {
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> assertThat(world.events("web", EventReasons.NON_CONVERGING_WRITE)).isNotEmpty());
    List<Event> warnings = world.events("web", EventReasons.NON_CONVERGING_WRITE);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getType()).isEqualTo("Warning");
    return warnings;
  }
}
