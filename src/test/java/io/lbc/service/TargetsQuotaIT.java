package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ElbAccountLimits;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's targets-per-load-balancer quota (set low in the emulator) is checked before targets
 * are registered: pods past it get none of the new targets registered (no partial apply) and the
 * binding a Warning naming the quota, the count and the limit; scaled back under it, it registers.
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
  void targetsOverTheQuotaAreNotRegisteredAtAllAndTheBindingIsWarnedUntilScaledBack(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    new ElbAccountLimits(rig.motoUrl()).set(Map.of(QUOTA, LIMIT));
    world = new ServiceRig(rig, kube, aws, namespace);
    world.start();
    // five pods at once: the binding's first registration would be 5 targets, over 3
    world.runPods("web", 5);
    world.create(
        ServiceObjects.nlbIp(
            world.ns, "web", Map.of(), ServiceObjects.port("http", 80, "TCP", 8080)));
    world.awaitReady("web");
    String tg =
        world
            .state()
            .targetGroupOf(world.state().requireLoadBalancer(world.ns, "web"), 80)
            .targetGroupArn();
    awaitWarning("5");
    await()
        .during(Duration.ofSeconds(5))
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().targets(tg)).as("none of the five registered").isEmpty());
    assertThat(world.bindings())
        .singleElement()
        .satisfies(
            binding ->
                assertThat(binding.getStatus().conditions)
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("Ready");
                          assertThat(c.getStatus()).isEqualTo("False");
                          assertThat(c.getReason()).isEqualTo(EventReasons.TARGETS_QUOTA_EXCEEDED);
                          assertThat(c.getMessage()).contains(QUOTA);
                        }));
    String firstWarning = warnings().get(0).getMessage();

    // scaled back to the limit: all of them register
    scale(LIMIT);
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              List<String> pods = readyPods();
              assertThat(pods).hasSize(LIMIT);
              assertThat(world.state().targets(tg)).containsExactlyInAnyOrderElementsOf(pods);
            });
    List<String> atLimit = world.state().targets(tg);

    // scaled past it again: every new pod would be one too many, none is registered
    scale(5);
    awaitWarning("[45]"); // the new pods one or two at a time
    await()
        .during(Duration.ofSeconds(5))
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(readyPods()).hasSize(5);
              assertThat(world.state().targets(tg)).containsExactlyInAnyOrderElementsOf(atLimit);
            });
    log.info(
        "measured targets quota ({} = {}): 5 pods at once registered none ({}); scaled to {}"
            + " registered {}; scaled to 5 again, targets stayed {}",
        QUOTA,
        LIMIT,
        firstWarning,
        LIMIT,
        atLimit.size(),
        world.state().targets(tg).size());
  }

  private void awaitWarning(String count) {
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(warnings())
                    .anySatisfy(
                        e ->
                            assertThat(e.getMessage())
                                .containsPattern("would have " + count + " targets")
                                .contains(QUOTA + " limit of " + LIMIT)));
  }

  /** The Deployment's ready pods as targets on 8080 (a new pod has no IP yet). */
  private List<String> readyPods() {
    return Workloads.livePods(world.kube, world.ns, "web").stream()
        .filter(p -> p.getStatus().getPodIP() != null && Workloads.isTrue(p, "Ready"))
        .map(p -> p.getStatus().getPodIP() + ":8080")
        .toList();
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
