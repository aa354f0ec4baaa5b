package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.RolloutScenario;
import io.lbc.rig.TargetHealthControl;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rollout of {@link io.lbc.ingress.AlbRolloutIT}'s 10 gated replicas behind an {@code nlb-ip}
 * Service instead: the same invariants hold for an NLB.
 */
@RigTest
class NlbRolloutIT {
  @Test
  void aRollingUpdateKeepsTenTargetsInServiceAndGatesWaitForHealthyTargets(
      Rig peers,
      KubernetesClient kube,
      AwsTestClients aws,
      TargetHealthControl health,
      TestNamespace namespace) {
    try (var rig = new ServiceRig(peers, kube, aws, namespace);
        var scenario =
            new RolloutScenario(
                kube, aws, health, rig.ns, rig.vpc, InProcessController.CLUSTER_NAME)) {
      rig.start();
      rig.create(
          ServiceObjects.nlbIp(
              rig.ns,
              "web",
              Map.of(
                  ServiceObjects.PREFIX + "aws-load-balancer-healthcheck-interval",
                  RolloutScenario.HEALTH_CHECK_INTERVAL_SECONDS,
                  ServiceObjects.PREFIX + "aws-load-balancer-healthcheck-healthy-threshold",
                  RolloutScenario.HEALTHY_THRESHOLD,
                  ServiceObjects.PREFIX + "aws-load-balancer-target-group-attributes",
                  RolloutScenario.DEREGISTRATION_DELAY),
              ServiceObjects.port("http", 80, "TCP", 8080)));
      scenario.deployBehindBinding();

      var report = scenario.roll();

      RolloutScenario.print("NLB rollout", report);
      RolloutScenario.assertSafeRollout(report);
      assertThat(RolloutScenario.removed(report)).as("every old pod deregistered").hasSize(10);
    }
  }
}
