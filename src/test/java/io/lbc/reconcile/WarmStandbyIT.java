package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.rig.AuditLog;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Population;
import io.lbc.rig.ReplicaPair;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A warm standby that takes over works from the caches it filled while standing by: after the
 * leader is SIGKILLed, the apiserver's audit log shows no LIST request from the new leader for any
 * resource, and over a converged world (every stack checkpointed) the new leader reconciles every
 * object without an AWS write, but for a change a user made while no replica led: that one it takes
 * for a user change (not part of the start-up backlog), serves first and writes to AWS.
 */
@RigTest
class WarmStandbyIT {
  private static final String CLUSTER = "standby-it";
  private static final Pattern TOOK_OVER =
      Pattern.compile("took over: (\\d+) reconciles handed over in \\d+ ms; the (\\d+) user");

  @Test
  void aStandbyThatTakesOverListsNothingAgainAndWritesOnlyTheChangeMadeWhileNoReplicaLed(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    var kubeconfig = ServiceAccounts.withManifestRoles(rig, kube, ns);
    var population = new Population(kube, ns, 20, 4);
    var pool = Executors.newFixedThreadPool(4);
    try (var pair =
        ReplicaPair.start(rig, aws, "standby-it", CLUSTER, vpc.vpcId(), ns, kubeconfig)) {
      population.create(pool);
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(2))
          .until(population::converged);
      ReplicaPair.awaitQuiet(pair.leader(), Duration.ofSeconds(5), Duration.ofMinutes(5));
      pair.awaitStandbyReady();
      int bindings =
          kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems().size();
      assertThat(bindings).as("bindings the stacks made").isGreaterThanOrEqualTo(6);
      var standby = pair.standby();
      assertThat(standby.isLeading()).isFalse();
      assertThat(standby.awsWrites()).as("AWS writes of the standby").isZero();
      var before = standby.awsCallsByOperation();

      long auditedBefore = AuditLog.mark(rig);
      pair.leader().kill();
      String changed = population.changeInterval(population.ingresses() - 1, 25);
      await()
          .atMost(LeaderElectionIT.LEASE.plusSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(standby::isLeading);
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  standby.reconciles("ingress") >= population.ingresses()
                      && standby.reconciles("service")
                          >= population.ingresses() + population.services()
                      && standby.reconciles("targetGroupBinding") >= bindings);
      ReplicaPair.awaitQuiet(standby, Duration.ofSeconds(5), Duration.ofMinutes(5));

      SortedMap<String, Long> calls = ReplicaPair.difference(standby.awsCallsByOperation(), before);
      // the killed leader made none after its death, so these are the new leader's
      SortedMap<String, Long> lists = AuditLog.lists(rig, auditedBefore, ns);
      System.out.printf(
          "warm-standby: after takeover LIST requests %s, AWS calls %s%n", lists, calls);
      assertThat(lists).as("LIST requests after the takeover, by resource").isEmpty();
      assertThat(calls.keySet().stream().filter(InProcessController::isWrite))
          .as("AWS writes after the takeover: the change to %s", changed)
          .containsExactly("ModifyTargetGroup");
      assertThat(calls.get("ModifyTargetGroup")).isEqualTo(1);
      Matcher takeover = TOOK_OVER.matcher(standby.output());
      assertThat(takeover.find()).as("the new leader's takeover line").isTrue();
      assertThat(Integer.parseInt(takeover.group(2)))
          .as("user changes served ahead of the %s reconciles handed over", takeover.group(1))
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
