package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.lbc.aws.elbv2.Target;
import io.lbc.fake.InMemoryCluster;
import io.lbc.fake.InMemoryEc2;
import io.lbc.fake.InMemoryElbv2Targets;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.fake.MutableClock;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.model.UserInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetGroupBindingEngineTest {
  private static final String NS = "shop";
  private static final String GATE = "target-health.elbv2.k8s.aws/web";

  private final InMemoryElbv2Targets elbv2 = new InMemoryElbv2Targets();
  private final InMemoryEc2 ec2 = new InMemoryEc2();
  private final InMemoryCluster cluster = new InMemoryCluster();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TargetGroupBindingEngine engine;
  private String arn;

  @BeforeEach
  void setUp() {
    engine = newEngine();
    arn = elbv2.addTargetGroup("web", "ip").arn();
    cluster.put(K8sObjects.service(NS, "web", 80));
  }

  private TargetGroupBindingEngine newEngine() {
    return new TargetGroupBindingEngine(
        new TargetGroupBindingEngine.Settings(
            "test", ec2.addVpc("vpc-1", "10.0.0.0/16"), Duration.ofHours(1)),
        new TargetGroupBindingEngine.Dependencies(elbv2, ec2, cluster, cluster, registry, clock));
  }

  private TargetGroupBinding ipBinding() {
    var binding = K8sObjects.binding(NS, "web", arn, BindingTargetType.IP, "web", 80);
    cluster.put(binding);
    return binding;
  }

  private void endpoints(Ep... endpoints) {
    cluster.put(K8sObjects.slice(NS, "web-1", "web", 8080, List.of(endpoints)));
  }

  private List<String> registeredIds() {
    return elbv2.targets(arn).stream().map(Target::id).sorted().toList();
  }

  @Test
  void registersReadyEndpointsAndSkipsAResyncWithoutAnyAwsCall() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"), Ep.ready("10.0.0.2"), Ep.ready("10.0.0.3"));

    BindingOutcome first = engine.reconcile(binding);

    assertThat(registeredIds()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(first.ready()).isTrue();
    assertThat(first.changes()).hasValueSatisfying(c -> assertThat(c).contains("registered 3"));
    assertThat(binding.getMetadata().getAnnotations())
        .containsKeys(Checkpoint.ANNOTATION, Checkpoint.TIMESTAMP_ANNOTATION);
    assertThat(elbv2.calls("RegisterTargets")).isEqualTo(1);

    elbv2.resetCalls();
    BindingOutcome again = engine.reconcile(binding);

    assertThat(again.skipped()).isTrue();
    assertThat(elbv2.totalCalls()).isZero();
  }

  @Test
  void newTargetsThatWouldTakeTheLoadBalancerOverItsTargetQuotaAreNotRegisteredAtAll() {
    String lb = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/1";
    String other = elbv2.addTargetGroup("api", "ip").arn();
    elbv2.attach(arn, lb);
    elbv2.attach(other, lb);
    elbv2.registerOutOfBand(other, new Target("10.0.9.1", 8080, null));
    elbv2.registerOutOfBand(other, new Target("10.0.9.2", 8080, null));
    elbv2.accountLimit("targets-per-application-load-balancer", 4);
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"));
    engine.reconcile(binding);
    assertThat(registeredIds()).containsExactly("10.0.0.1");

    elbv2.resetCalls();
    // 10.0.0.1 goes, three come: 2 + 3 would be 5 targets on the load balancer, over 4
    endpoints(
        Ep.terminating("10.0.0.1"),
        Ep.ready("10.0.0.2"),
        Ep.ready("10.0.0.3"),
        Ep.ready("10.0.0.4"));
    BindingOutcome over = engine.reconcile(binding);

    assertThat(registeredIds()).as("none of the three, the gone one deregistered").isEmpty();
    assertThat(over.ready()).isFalse();
    assertThat(over.reason()).isEqualTo(EventReasons.TARGETS_QUOTA_EXCEEDED);
    assertThat(over.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.reason()).isEqualTo(EventReasons.TARGETS_QUOTA_EXCEEDED);
              assertThat(w.message())
                  .contains(lb)
                  .contains("would have 5 targets")
                  .contains("targets-per-application-load-balancer limit of 4");
            });
    assertThat(over.requeueAfter()).isPresent();

    // one fewer endpoint: 2 + 2 fits
    endpoints(Ep.ready("10.0.0.2"), Ep.ready("10.0.0.3"));
    BindingOutcome fits = engine.reconcile(binding);
    assertThat(registeredIds()).containsExactly("10.0.0.2", "10.0.0.3");
    assertThat(fits.ready()).isTrue();
    assertThat(elbv2.calls("DescribeAccountLimits")).as("read once, cached").isZero();
    assertThat(elbv2.calls("DescribeTargetGroups"))
        .as("the load balancer's groups and counts, read at the first registration, reused")
        .isZero();
  }

  @Test
  void aRestartedControllerSkipsFromThePersistedCheckpoint() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"));
    engine.reconcile(binding);
    elbv2.resetCalls();

    BindingOutcome afterRestart = newEngine().reconcile(binding);

    assertThat(afterRestart.skipped()).isTrue();
    assertThat(elbv2.totalCalls()).isZero();
  }

  @Test
  void anOldCheckpointIsVerifiedWithOneDescribeAndNoWrite() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"));
    engine.reconcile(binding);
    elbv2.resetCalls();
    clock.advance(Duration.ofMinutes(61));

    BindingOutcome verified = engine.reconcile(binding);

    assertThat(verified.skipped()).isFalse();
    assertThat(verified.changes()).isEmpty();
    assertThat(elbv2.calls("DescribeTargetHealth")).isEqualTo(1);
    assertThat(elbv2.totalCalls()).isEqualTo(1);
  }

  @Test
  void deregistersEndpointsThatStopBeingReadyOrTerminate() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"), Ep.ready("10.0.0.2"), Ep.ready("10.0.0.3"));
    engine.reconcile(binding);

    endpoints(Ep.ready("10.0.0.1"), Ep.notReady("10.0.0.2"), Ep.terminating("10.0.0.3"));
    engine.reconcile(binding);

    assertThat(registeredIds()).containsExactly("10.0.0.1");
  }

  @Test
  void keepsTheTargetsWhenEveryEndpointFailsAtOnce() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"), Ep.ready("10.0.0.2"));
    engine.reconcile(binding);

    endpoints(Ep.notReady("10.0.0.1"), Ep.notReady("10.0.0.2"));
    BindingOutcome outcome = engine.reconcile(binding);

    assertThat(registeredIds()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(outcome.warnings())
        .singleElement()
        .satisfies(
            w ->
                assertThat(w.reason())
                    .isEqualTo(EventReasons.KEPT_TARGETS_ALL_ENDPOINTS_NOT_READY));
    assertThat(registry.get("awslbc.target.failsafe.engaged").counter().count()).isEqualTo(1.0);

    endpoints(Ep.notReady("10.0.0.1"), Ep.ready("10.0.0.4"));
    engine.reconcile(binding);
    assertThat(registeredIds()).containsExactly("10.0.0.4");
  }

  @Test
  void registersAThousandEndpointsInBatches() {
    var binding = ipBinding();
    for (int slice = 0; slice < 10; slice++) {
      int base = slice * 100;
      cluster.put(
          K8sObjects.slice(
              NS,
              "web-" + slice,
              "web",
              8080,
              IntStream.range(0, 100)
                  .mapToObj(
                      i -> Ep.ready("10.0." + ((base + i) / 250) + "." + ((base + i) % 250 + 1)))
                  .toList()));
    }

    engine.reconcile(binding);

    assertThat(elbv2.targets(arn)).hasSize(1000);
    assertThat(elbv2.calls("RegisterTargets")).isEqualTo(1000 / InMemoryElbv2Targets.BATCH);
  }

  @Test
  void flipsReadinessGatesOnceTheTargetIsHealthyPollingFastWhileInitial() {
    var binding = ipBinding();
    Pod pod = K8sObjects.pod(NS, "web-a", "10.0.0.1", 8080, true, false, GATE);
    cluster.put(pod);
    endpoints(Ep.notReady("10.0.0.1").pod("web-a"));
    elbv2.newTargetState("initial");

    BindingOutcome registered = engine.reconcile(binding);

    assertThat(registeredIds()).containsExactly("10.0.0.1");
    assertThat(PodConditions.condition(SlimPod.of(pod), GATE)).isEmpty();
    assertThat(registered.requeueAfter()).contains(Duration.ofSeconds(2));

    elbv2.setState(arn, "10.0.0.1", 8080, "healthy", null);
    clock.advance(Duration.ofSeconds(2));
    BindingOutcome healthy = engine.reconcile(binding);

    assertThat(PodConditions.isTrue(SlimPod.of(pod), GATE)).isTrue();
    assertThat(healthy.requeueAfter()).isEmpty();
    assertThat(registry.get("awslbc.readiness.gate.ready").timer().count()).isEqualTo(1);

    elbv2.resetCalls();
    assertThat(engine.reconcile(binding).skipped()).isTrue();
    assertThat(elbv2.totalCalls()).isZero();
  }

  @Test
  void anUnhealthyTargetSetsTheGateFalseWithTheElbReasonAndBacksOff() {
    var binding = ipBinding();
    Pod pod = K8sObjects.pod(NS, "web-a", "10.0.0.1", 8080, true, false, GATE);
    cluster.put(pod);
    endpoints(Ep.notReady("10.0.0.1").pod("web-a"));
    engine.reconcile(binding);
    elbv2.setState(arn, "10.0.0.1", 8080, "unhealthy", "Target.ResponseCodeMismatch");

    var delays = new ArrayList<Duration>();
    for (int i = 0; i < 6; i++) {
      delays.add(engine.reconcile(binding).requeueAfter().orElseThrow());
    }

    assertThat(PodConditions.condition(SlimPod.of(pod), GATE))
        .hasValueSatisfying(
            c -> {
              assertThat(c.status()).isEqualTo("False");
              assertThat(c.reason()).isEqualTo("Target.ResponseCodeMismatch");
            });
    // backs off, but never past --targetgroupbinding-requeue-duration (15 s by default)
    assertThat(delays).isSorted().last().isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void aSharedTargetGroupKeepsOtherClustersTargets() {
    var binding = ipBinding();
    binding.getSpec().multiClusterTargetGroup = true;
    elbv2.registerOutOfBand(arn, Target.of("192.168.0.9", 8080));
    endpoints(Ep.ready("10.0.0.1"), Ep.ready("10.0.0.2"));
    engine.reconcile(binding);

    endpoints(Ep.ready("10.0.0.1"));
    engine.reconcile(binding);

    assertThat(registeredIds()).containsExactly("10.0.0.1", "192.168.0.9");
    assertThat(cluster.configMapValue(NS, "aws-lbc-targets-web", "targets"))
        .contains("10.0.0.1:8080");

    engine.cleanup(binding);
    assertThat(registeredIds()).containsExactly("192.168.0.9");
    assertThat(cluster.configMapValue(NS, "aws-lbc-targets-web", "targets")).isEmpty();
  }

  @Test
  void aMissingServiceIsReportedAndItsTargetsDeregistered() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"));
    engine.reconcile(binding);

    cluster.removeService(NS, "web");
    BindingOutcome outcome = engine.reconcile(binding);

    assertThat(outcome.ready()).isFalse();
    assertThat(outcome.reason()).isEqualTo(EventReasons.BACKEND_NOT_FOUND);
    assertThat(outcome.message()).contains("shop/web");
    assertThat(registeredIds()).isEmpty();
  }

  @Test
  void resolvesATargetGroupByNameOnce() {
    var binding = ipBinding();
    binding.getSpec().targetGroupARN = null;
    binding.getSpec().targetGroupName = "web";
    endpoints(Ep.ready("10.0.0.1"));

    engine.reconcile(binding);
    endpoints(Ep.ready("10.0.0.1"), Ep.ready("10.0.0.2"));
    engine.reconcile(binding);

    assertThat(registeredIds()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(elbv2.calls("DescribeTargetGroups")).isEqualTo(1);
  }

  @Test
  void aMissingTargetGroupNamesTheField() {
    var binding = ipBinding();
    endpoints(Ep.ready("10.0.0.1"));
    elbv2.removeTargetGroup(arn);

    assertThatThrownBy(() -> engine.reconcile(binding))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("spec.targetGroupARN");
  }

  @Test
  void cleanupDeregistersEverythingAndReleasesTheGates() {
    var binding = ipBinding();
    Pod pod = K8sObjects.pod(NS, "web-a", "10.0.0.1", 8080, true, false, GATE);
    cluster.put(pod);
    endpoints(Ep.notReady("10.0.0.1").pod("web-a"), Ep.ready("10.0.0.2"));
    elbv2.newTargetState("initial");
    engine.reconcile(binding);

    engine.cleanup(binding);

    assertThat(registeredIds()).isEmpty();
    assertThat(PodConditions.isTrue(SlimPod.of(pod), GATE)).isTrue();
  }

  @Test
  void instanceBindingsRegisterReadyNodesOnTheNodePort() {
    String instanceArn = elbv2.addTargetGroup("nodes", "instance").arn();
    cluster.put(K8sObjects.nodePortService(NS, "edge", 80, 30080, false));
    cluster.put(K8sObjects.node("n1", "i-1", true, Map.of()));
    cluster.put(K8sObjects.node("n2", "i-2", false, Map.of()));
    var binding =
        K8sObjects.binding(NS, "edge", instanceArn, BindingTargetType.INSTANCE, "edge", 80);
    cluster.put(binding);

    engine.reconcile(binding);

    assertThat(elbv2.targets(instanceArn)).containsExactly(Target.of("i-1", 30080));
  }
}
