package io.lbc.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.rig.AwsFixtures.TestVpc;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Deployment {@code web} of {@value #REPLICAS} gated pods on two kwok nodes behind a load
 * balancer the controller made, rolled and scaled while a {@link RolloutObserver} watches. Timings:
 * health checks every 10 s with a healthy threshold of 2 and a deregistration delay of 30 s, at the
 * emulator's time scale {@value #TIME_SCALE} (2 s of {@code initial}, 3 s of draining); pods keep
 * their IP for {@value #GRACE_SECONDS} s after deletion, longer than the draining, as the
 * reference's docs advise (a preStop sleep and a long enough grace period).
 */
public final class RolloutScenario implements AutoCloseable {
  public static final int REPLICAS = 10;
  public static final double TIME_SCALE = 0.1;
  public static final long GRACE_SECONDS = 10;
  public static final String HEALTH_CHECK_INTERVAL_SECONDS = "10";
  public static final String HEALTHY_THRESHOLD = "2";
  public static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds=30";
  static final Duration SETTLED = Duration.ofSeconds(120);

  private final KubernetesClient kube;
  private final AwsTestClients aws;
  private final TargetHealthControl health;
  private final String ns;
  private final KwokNodes nodes;
  private String targetGroupArn;
  private String gate;

  public RolloutScenario(
      KubernetesClient kube,
      AwsTestClients aws,
      TargetHealthControl health,
      String ns,
      TestVpc vpc,
      String clusterName) {
    this.kube = kube;
    this.aws = aws;
    this.health = health;
    this.ns = ns;
    health.timeScale(TIME_SCALE);
    String pods =
        AwsFixtures.clusterSecurityGroup(aws.ec2(), vpc.vpcId(), "pods-" + ns, clusterName);
    this.nodes = new KwokNodes(kube, aws.ec2());
    nodes.add(ns + "-a", vpc.privateSubnetIds().get(0), pods);
    nodes.add(ns + "-b", vpc.privateSubnetIds().get(1), pods);
  }

  /** The ClusterIP Service {@code web}: port {@code http} 80 → the pods' port {@code web}. */
  public Service clusterIpService() {
    return kube.resource(Workloads.clusterIpService(ns, "web")).create();
  }

  /**
   * Waits for the controller's TargetGroupBinding of the load balancer, then runs the Deployment
   * with its readiness gate, and waits until all replicas are Ready behind healthy targets.
   */
  public void deployBehindBinding() {
    await()
        .atMost(SETTLED)
        .until(
            () ->
                kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems().size()
                    == 1);
    TargetGroupBinding binding =
        kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems().get(0);
    targetGroupArn = binding.getSpec().targetGroupARN;
    gate = "target-health.elbv2.k8s.aws/" + binding.getMetadata().getName();
    Deployment deployment = Workloads.deployment(ns, "web", REPLICAS, 8080, GRACE_SECONDS, gate);
    deployment
        .getSpec()
        .setStrategy(
            new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString("25%"))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .build());
    kube.resource(deployment).create();
    awaitSettled(REPLICAS);
  }

  public String targetGroupArn() {
    return targetGroupArn;
  }

  /** Changes the pod template, so the Deployment rolls every pod; returns what was observed. */
  public RolloutObserver.Report roll() {
    try (var observer = observe()) {
      Edits.edit(
          kube.apps().deployments().inNamespace(ns).withName("web"),
          d -> {
            var annotations = new HashMap<String, String>();
            annotations.put("rig.lbc.io/rollout", String.valueOf(System.nanoTime()));
            d.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
            return d;
          });
      awaitSettled(REPLICAS);
      return observer.report();
    }
  }

  /** Scales the Deployment; returns what was observed until targets and pods settled. */
  public RolloutObserver.Report scale(int replicas) {
    try (var observer = observe()) {
      kube.apps().deployments().inNamespace(ns).withName("web").scale(replicas);
      awaitSettled(replicas);
      return observer.report();
    }
  }

  private RolloutObserver observe() {
    return new RolloutObserver(kube, aws.elbv2(), health, ns, "web", targetGroupArn, gate);
  }

  /**
   * Until the Deployment has rolled out and the target group holds exactly its live pods, all
   * healthy, with nothing draining or initial.
   */
  private void awaitSettled(int replicas) {
    await()
        .atMost(SETTLED)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(Workloads.rolledOut(kube, ns, "web")).as("rolled out").isTrue();
              Set<String> podIps =
                  Workloads.livePods(kube, ns, "web").stream()
                      .map(p -> p.getStatus().getPodIP())
                      .collect(Collectors.toCollection(TreeSet::new));
              assertThat(podIps).hasSize(replicas);
              assertThat(targetStates())
                  .isEqualTo(podIps.stream().collect(Collectors.toMap(ip -> ip, ip -> "healthy")));
            });
  }

  /** The target group's targets (every state) and their state. */
  public Map<String, String> targetStates() {
    return aws
        .elbv2()
        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions()
        .stream()
        .collect(Collectors.toMap(d -> d.target().id(), d -> d.targetHealth().stateAsString()));
  }

  /** Prints the figures of the report under the title. */
  public static void print(String title, RolloutObserver.Report report) {
    System.out.printf(
        "%s: %d registrations, fewest in service (sampled, %d samples) %d, fewest healthy"
            + " (history) %d; pod-ready → RegisterTargets %s; target-healthy → gate True %s%n",
        title,
        report.history().size(),
        report.samples().size(),
        report.fewestInServiceSampled(),
        report.fewestHealthyFromHistory(),
        RolloutObserver.Report.percentiles(report.podReadyToRegistered()),
        RolloutObserver.Report.percentiles(report.healthyToGateTrue()));
  }

  /** The invariants of a rollout with maxUnavailable 0 behind readiness gates. */
  public static void assertSafeRollout(RolloutObserver.Report report) {
    assertThat(report.samples()).as("samples of target health").hasSizeGreaterThan(10);
    assertThat(report.fewestInServiceSampled())
        .as("targets healthy or initial-then-healthy at every sample")
        .isGreaterThanOrEqualTo(REPLICAS);
    assertThat(report.fewestHealthyFromHistory())
        .as("no target removed before its replacement was healthy")
        .isGreaterThanOrEqualTo(REPLICAS);
    assertThat(report.readyWithoutGate()).as("pods Ready without their gate True").isEmpty();
    assertThat(report.gateBeforeHealthy()).as("gates True before the target was healthy").isEmpty();
    assertThat(report.reregisteredWhileDraining())
        .as("draining targets registered again")
        .isEmpty();
    assertThat(report.deregisteredMoreThanOnce()).as("targets deregistered twice").isEmpty();
  }

  /** The registrations that were deregistered during the report. */
  public static List<TargetHealthControl.Registration> removed(RolloutObserver.Report report) {
    return report.history().stream()
        .filter(r -> r.deregisteredAt() != null && r.deregisteredAt() >= report.from())
        .toList();
  }

  @Override
  public void close() {
    nodes.close();
  }
}
