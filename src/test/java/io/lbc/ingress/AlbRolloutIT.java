package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.RolloutScenario;
import io.lbc.rig.TargetHealthControl;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 10-replica Deployment behind an IP-mode ALB, with readiness gates, on the rig's scheduler and
 * kwok nodes, against target health that goes initial → healthy and draining → gone as on AWS:
 * rolled with maxSurge 25% / maxUnavailable 0 it never drops below 10 targets in service, and
 * scaled 10 → 2 → 10 it deregisters each removed pod once and lets it drain.
 */
@RigTest
class AlbRolloutIT {
  private IngressRig rig;
  private RolloutScenario scenario;

  @BeforeEach
  void albInFrontOfGatedPods(
      Rig peers,
      KubernetesClient kube,
      AwsTestClients aws,
      TargetHealthControl health,
      TestNamespace namespace) {
    rig = IngressRig.start(peers, kube, aws, namespace);
    scenario = new RolloutScenario(kube, aws, health, rig.ns, rig.vpc, IngressRig.CLUSTER);
    scenario.clusterIpService();
    rig.simpleIngress(
        "web",
        "web",
        Map.of(
            "alb.ingress.kubernetes.io/target-type", "ip",
            "alb.ingress.kubernetes.io/healthcheck-interval-seconds",
                RolloutScenario.HEALTH_CHECK_INTERVAL_SECONDS,
            "alb.ingress.kubernetes.io/healthy-threshold-count", RolloutScenario.HEALTHY_THRESHOLD,
            "alb.ingress.kubernetes.io/target-group-attributes",
                RolloutScenario.DEREGISTRATION_DELAY));
    scenario.deployBehindBinding();
  }

  @AfterEach
  void release() {
    try {
      scenario.close();
    } finally {
      rig.close();
    }
  }

  @Test
  void aRollingUpdateKeepsTenTargetsInServiceAndGatesWaitForHealthyTargets() {
    var report = scenario.roll();

    RolloutScenario.print("ALB rollout", report);
    RolloutScenario.assertSafeRollout(report);
    assertThat(RolloutScenario.removed(report)).as("every old pod deregistered").hasSize(10);
  }

  @Test
  void scalingDownDeregistersEachPodOnceAndDrainsIt() {
    var down = scenario.scale(2);
    RolloutScenario.print("ALB scale 10 → 2", down);
    var removed = RolloutScenario.removed(down);
    assertThat(removed).hasSize(8);
    assertThat(removed).allSatisfy(r -> assertThat(r.deregistrations()).isEqualTo(1));
    assertThat(removed).allSatisfy(r -> assertThat(down.sawDraining(r.id())).isTrue());
    assertThat(down.fewestHealthyFromHistory()).isGreaterThanOrEqualTo(2);

    var up = scenario.scale(10);
    RolloutScenario.print("ALB scale 2 → 10", up);
    assertThat(up.reregisteredWhileDraining()).isEmpty();
    assertThat(up.readyWithoutGate()).isEmpty();
    assertThat(up.gateBeforeHealthy()).isEmpty();
  }
}
