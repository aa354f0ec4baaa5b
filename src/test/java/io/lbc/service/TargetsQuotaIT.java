package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ElbAccountLimits;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's targets-per-load-balancer quota is checked before targets are registered: a
 * Deployment scaled past it gets none of its new pods registered (no partial apply) and the binding
 * a Warning naming the quota, the count and the limit; scaled back under it, it registers.
 */
@RigTest
class TargetsQuotaIT {
  private static final Logger log = LoggerFactory.getLogger(TargetsQuotaIT.class);
  private static final String QUOTA = "targets-per-network-load-balancer";
  private static final int LIMIT = 3;

  private ServiceRig world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aDeploymentScaledPastTheQuotaRegistersNothingNewAndIsWarnedThenRegistersWhenScaledBack(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    new ElbAccountLimits(rig.motoUrl()).set(Map.of(QUOTA, LIMIT));
    world = new ServiceRig(rig, kube, aws, namespace);
    world.start();
    world.convergedWebOnPods(); // two pods registered
    String tg =
        world
            .state()
            .targetGroupOf(world.state().requireLoadBalancer(world.ns, "web"), 80)
            .targetGroupArn();
    List<String> before = world.podTargets("web", 8080);
    assertThat(before).hasSize(2);

    scale(5);
    String expected =
        QUOTA + " limit of " + LIMIT; // "... would have 5 targets, over the account's <quota> ..."
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(warnings())
                    .anySatisfy(
                        e ->
                            assertThat(e.getMessage())
                                .contains("would have 5 targets")
                                .contains(expected)));
    await()
        .during(Duration.ofSeconds(5))
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().targets(tg))
                    .as("none of the three new pods registered")
                    .containsExactlyInAnyOrderElementsOf(before));
    assertThat(world.podTargets("web", 8080)).hasSize(5);
    TargetGroupBinding binding = world.bindings().get(0);
    assertThat(binding.getStatus().conditions)
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(EventReasons.TARGETS_QUOTA_EXCEEDED);
            });
    log.info(
        "measured targets quota: {} pods, limit {}: targets stayed {}; warning: {}",
        5,
        LIMIT,
        world.state().targets(tg).size(),
        warnings().get(0).getMessage());

    scale(LIMIT);
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              List<String> pods = world.podTargets("web", 8080);
              assertThat(pods).hasSize(LIMIT);
              assertThat(world.state().targets(tg)).containsExactlyInAnyOrderElementsOf(pods);
            });
  }

  private void scale(int replicas) {
    world.kube.apps().deployments().inNamespace(world.ns).withName("web").scale(replicas);
  }

  private List<Event> warnings() {
    return world.kube.v1().events().inNamespace(world.ns).list().getItems().stream()
        .filter(e -> "TargetGroupBinding".equals(e.getInvolvedObject().getKind()))
        .filter(e -> EventReasons.TARGETS_QUOTA_EXCEEDED.equals(e.getReason()))
        .filter(e -> "Warning".equals(e.getType()))
        .toList();
  }
}
