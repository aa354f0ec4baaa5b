package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An informer that cannot list at start-up (here: the role lacks {@code list pods}) is retried with
 * backoff, never a reason for the process to exit; once the permission is granted the cache fills
 * and the controller becomes ready without a restart.
 */
@RigTest
class InformerRetryIT {
  @Test
  void aMissingPermissionAtStartIsRetriedUntilGranted(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    ClusterRole full = ServiceAccounts.fromManifests(kube, ClusterRole.class);
    ClusterRole withoutPods = ServiceAccounts.fromManifests(kube, ClusterRole.class);
    withoutPods.getMetadata().setName(full.getMetadata().getName() + "-" + ns);
    List<PolicyRule> rules =
        withoutPods.getRules().stream()
            .filter(r -> !r.getResources().equals(List.of("pods")))
            .toList();
    assertThat(rules)
        .as("the manifest grants list pods in one rule")
        .hasSize(withoutPods.getRules().size() - 1);
    withoutPods.setRules(rules);
    Path kubeconfig =
        ServiceAccounts.kubeconfig(
            rig, kube, ns, withoutPods, ServiceAccounts.fromManifests(kube, Role.class));

    var starting =
        CompletableFuture.supplyAsync(
            () ->
                InProcessController.start(
                    rig,
                    aws,
                    vpc.vpcId(),
                    ns,
                    "--kubeconfig=" + kubeconfig,
                    "--webhook-bind-port=0"));
    try {
      Thread.sleep(Duration.ofSeconds(20).toMillis());
      assertThat(starting)
          .as("start-up waits for the pod cache instead of failing")
          .isNotCompletedExceptionally()
          .isNotDone();

      withoutPods.setRules(full.getRules());
      kube.resource(withoutPods).serverSideApply();

      await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(starting).isCompleted());
      assertThat(starting.get().runtime().isReady()).isTrue();
    } finally {
      starting.thenAccept(InProcessController::close);
      kube.resource(withoutPods).delete();
    }
  }
}
