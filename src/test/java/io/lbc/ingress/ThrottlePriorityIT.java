package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.FaultProxy;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A user's change is served before the start-up backlog in the shared AWS budget: a controller
 * started on a slow budget with a backlog of Ingresses to create (low priority) is given a user's
 * edit of another Ingress, whose AWS write must arrive while the backlog is still draining. The
 * call timestamps are the {@link FaultProxy}'s, between the controller and moto.
 */
@RigTest
class ThrottlePriorityIT {
  private static final Logger log = LoggerFactory.getLogger(ThrottlePriorityIT.class);

  private static final int BACKLOG = 6;
  private static final int RATE = 2;
  private static final String SLOW_BUDGET =
      "--aws-api-throttle=Elastic Load Balancing v2:.*=%d:%d,EC2:.*=%d:%d"
          .formatted(RATE, RATE, RATE, RATE);
  private static final String HEALTH_CHECK_PATH = "alb.ingress.kubernetes.io/healthcheck-path";
  private static final Duration DRAINED = Duration.ofMinutes(5);

  private FaultProxy proxy;
  private IngressRig it;

  @AfterEach
  void stop() {
    if (it != null) {
      it.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void aUsersEditIsWrittenToAwsBeforeTheStartUpBacklogDrains(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    proxy = FaultProxy.start(rig.motoUrl());
    it = IngressRig.start(rig, kube, aws, ns, proxy.endpointsFlag());
    it.nodePortService("web", Map.of());
    it.simpleIngress("edited", "web", Map.of(HEALTH_CHECK_PATH, "/before"));
    it.awaitHostname("edited");
    it.awaitSettled();

    // while no controller runs, a backlog arrives: every Ingress its own load balancer
    List<String> backlog = IntStream.rangeClosed(1, BACKLOG).mapToObj(i -> "backlog-" + i).toList();
    // enough workers that every reconcile runs at once: only the token order can favour the edit
    InProcessController controller =
        it.restartController(
            () -> backlog.forEach(name -> it.simpleIngress(name, "web", Map.of())),
            proxy.endpointsFlag(),
            SLOW_BUDGET,
            "--ingress-max-concurrent-reconciles=" + (BACKLOG + 2));
    long restarted = System.nanoTime();
    // edited as soon as the start-up reads begin: the Ingress's own start-up reconcile (low) is
    // still running then, and JOSDK runs the edit after it, so the edit raises it to its priority
    await().atMost(DRAINED).until(() -> callsSince(restarted, "DescribeLoadBalancers").size() >= 1);

    long edited = System.nanoTime();
    it.annotate("edited", HEALTH_CHECK_PATH, "/after");
    FaultProxy.Call write =
        await()
            .atMost(DRAINED)
            .until(() -> callsSince(edited, "ModifyTargetGroup"), calls -> !calls.isEmpty())
            .get(0);
    await()
        .atMost(DRAINED)
        .until(
            () ->
                backlog.stream()
                    .allMatch(name -> it.get(name).flatMap(IngressRig::hostname).isPresent()));
    it.awaitSettled();

    List<FaultProxy.Call> sinceRestart =
        proxy.calls().stream().filter(c -> c.nanoTime() >= restarted).toList();
    List<FaultProxy.Call> backlogWrites =
        sinceRestart.stream()
            .filter(c -> InProcessController.isWrite(c.operation()))
            .filter(c -> !"ModifyTargetGroup".equals(c.operation()))
            .toList();
    long backlogWritesAfter =
        backlogWrites.stream().filter(c -> c.nanoTime() > write.nanoTime()).count();
    long drained = backlogWrites.get(backlogWrites.size() - 1).nanoTime();
    long editToWriteMillis = (write.nanoTime() - edited) / 1_000_000;
    long editToDrainedMillis = (drained - edited) / 1_000_000;
    double seconds = (drained - restarted) / 1e9;
    log.info(
        "measured priority under a slow budget ({} calls/s each for ELBv2 and EC2): backlog of {}"
            + " Ingresses, {} calls ({} writes) in {} s ({} calls/s); user's edit written to AWS"
            + " {} ms after the edit, the backlog drained {} ms after the edit, {} backlog writes"
            + " still to come when the edit was written; max calls in 1 s: {}",
        RATE,
        BACKLOG,
        sinceRestart.size(),
        backlogWrites.size(),
        String.format("%.1f", seconds),
        String.format("%.2f", sinceRestart.size() / seconds),
        editToWriteMillis,
        editToDrainedMillis,
        backlogWritesAfter,
        FaultProxy.maxCallsInWindow(sinceRestart, Duration.ofSeconds(1)));
    log.info("measured calls by operation: {}", controller.awsCallsByOperation());

    assertThat(backlogWritesAfter)
        .as("the user's write arrived before the backlog drained")
        .isPositive();
    // served first, the edit's few calls take a few tokens' time; served in turn with the backlog
    // (no priority: measured 13.9 s of a 27.4 s drain) each of them waits behind every reconcile
    assertThat(editToWriteMillis)
        .as("the user's write came within the first quarter of the backlog's drain")
        .isLessThan(editToDrainedMillis / 4);
    assertThat(it.alb.targetGroups())
        .as("the edit reached AWS")
        .extracting(TargetGroup::healthCheckPath)
        .contains("/after")
        .doesNotContain("/before");
    assertThat(it.alb.loadBalancers()).hasSize(BACKLOG + 1);
  }

  private List<FaultProxy.Call> callsSince(long nanoTime, String operation) {
    return proxy.calls().stream()
        .filter(c -> c.nanoTime() > nanoTime && operation.equals(c.operation()))
        .toList();
  }
}
