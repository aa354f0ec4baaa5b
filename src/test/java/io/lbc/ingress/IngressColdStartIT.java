package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.reconcile.StackCheckpoints;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A restarted controller takes over converged stacks without a single load balancer call (their
 * checkpoints match), yet a change made to a member — or to a Service its rules read — while it was
 * stopped or right after it started reaches AWS.
 */
@RigTest
class IngressColdStartIT {
  private static final Logger log = LoggerFactory.getLogger(IngressColdStartIT.class);
  private static final String INTERVAL = "alb.ingress.kubernetes.io/healthcheck-interval-seconds";

  private final String group =
      "cold-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private void member(String name) {
    it.nodePortService(name, Map.of());
    it.simpleIngress(name, name, Map.of("alb.ingress.kubernetes.io/group.name", group));
  }

  private void converged() {
    member("one");
    member("two");
    it.simpleIngress("solo", "one", Map.of());
    it.awaitHostnames("one", "two", "solo");
    it.awaitSettled();
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () ->
                java.util.stream.Stream.of("one", "two", "solo")
                    .allMatch(n -> checkpoint(n).isPresent()));
    assertThat(checkpoint("one")).isEqualTo(checkpoint("two"));
  }

  private Optional<String> checkpoint(String name) {
    return it.get(name)
        .map(i -> i.getMetadata().getAnnotations())
        .map(a -> a.get(StackCheckpoints.ANNOTATION));
  }

  private int intervalOf(String service) {
    for (TargetGroup tg : it.alb.targetGroups()) {
      Map<String, String> tags = it.alb.tags(tg.targetGroupArn());
      String resource = tags.get("ingress.k8s.aws/resource");
      if (group.equals(tags.get("ingress.k8s.aws/stack"))
          && resource.substring(resource.lastIndexOf('-') + 1).startsWith(service + ":")) {
        return tg.healthCheckIntervalSeconds();
      }
    }
    throw new AssertionError("no target group of the group for Service " + service);
  }

  @Test
  void unchangedStacksCostNoLoadBalancerCallAfterARestartAndAChangeStillReachesAws() {
    converged();

    InProcessController restarted = it.restartController();
    await()
        .during(Duration.ofSeconds(10))
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(restarted.awsCalls("DescribeLoadBalancers")).isZero();
              assertThat(restarted.awsCalls("DescribeTargetGroups")).isZero();
              assertThat(restarted.awsWrites()).isZero();
            });
    log.info(
        "measured restart over 2 converged stacks: AWS calls {}", restarted.awsCallsByOperation());

    long changed = System.nanoTime();
    it.annotate("two", INTERVAL, "25");
    await().atMost(IngressRig.CONVERGED).until(() -> intervalOf("two") == 25);
    log.info(
        "measured change after a checkpointed restart reached AWS in {} ms",
        Duration.ofNanos(System.nanoTime() - changed).toMillis());
    assertThat(intervalOf("one")).isEqualTo(15);
  }

  @Test
  void aServiceChangedWhileStoppedIsSeenDespiteTheCheckpoint() {
    converged();

    it.restartController(
        () ->
            it.kube
                .services()
                .inNamespace(it.ns)
                .withName("one")
                .edit(
                    s -> {
                      var annotations = new HashMap<String, String>();
                      if (s.getMetadata().getAnnotations() != null) {
                        annotations.putAll(s.getMetadata().getAnnotations());
                      }
                      annotations.put(INTERVAL, "20");
                      s.getMetadata().setAnnotations(annotations);
                      return s;
                    }));

    await().atMost(IngressRig.CONVERGED).until(() -> intervalOf("one") == 20);
    assertThat(intervalOf("two")).isEqualTo(15);
  }
}
