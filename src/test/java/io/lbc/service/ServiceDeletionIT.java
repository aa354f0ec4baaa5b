package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Deleting a Service removes every AWS resource it had, the shared backend security group with the
 * last Service, and then releases its finalizer.
 */
@RigTest
class ServiceDeletionIT {

  private ServiceRig world;
  private String podGroup;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    podGroup = world.kwokPodGroup();
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void deletingTheServiceDeletesEverythingItHadAndReleasesTheFinalizer() {
    LoadBalancer lb = world.convergedWebOnPods();
    String backend = world.state().backendSecurityGroup();
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().groupSourcedRules(podGroup))
                    .containsExactly("tcp 8080-8080 " + backend));
    TargetGroup group = world.state().targetGroupOf(lb, 80);
    String managed =
        lb.securityGroups().stream().filter(g -> !g.equals(backend)).findFirst().orElseThrow();
    assertThat(world.state().clusterTaggedResources())
        .containsExactlyInAnyOrder(
            "loadBalancer " + lb.loadBalancerName(),
            "targetGroup " + group.targetGroupName(),
            "securityGroup " + world.state().groupName(managed),
            "securityGroup " + world.state().groupName(backend));
    long started = System.nanoTime();

    world.delete("web");

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(world.state().clusterTaggedResources()).isEmpty();
              assertThat(world.bindings()).isEmpty();
              assertThat(world.state().groupSourcedRules(podGroup)).isEmpty();
            });
    org.slf4j.LoggerFactory.getLogger(ServiceDeletionIT.class)
        .info(
            "measured Service deleted → every AWS resource gone: {} ms",
            (System.nanoTime() - started) / 1_000_000);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(world.state().clusterTaggedResources()).isEmpty());
  }

  @Test
  void aServiceDeletedWhileTheControllerIsDownIsCleanedUpWhenItComesBack() {
    world.convergedWebOnPods();
    world.stop();
    world.kube.services().inNamespace(world.ns).withName("web").delete();
    assertThat(world.get("web").getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(world.state().clusterTaggedResources()).isNotEmpty();

    world.start();

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(world.get("web")).isNull();
              assertThat(world.state().clusterTaggedResources()).isEmpty();
              assertThat(world.bindings()).isEmpty();
              assertThat(world.state().groupSourcedRules(podGroup)).isEmpty();
            });
  }

  @Test
  void theBackendGroupOutlivesTheFirstServiceAndGoesWithTheLast() {
    for (String name : List.of("web", "api")) {
      world.runPods(name, 1);
      world.create(ServiceObjects.nlbIp(world.ns, name, Map.of(), port("http", 80, "TCP", 8080)));
    }
    world.awaitReady("web");
    world.awaitReady("api");
    String backend = world.state().backendSecurityGroup();
    LoadBalancer api = world.state().requireLoadBalancer(world.ns, "api");
    assertThat(api.securityGroups()).contains(backend);
    assertThat(world.state().requireLoadBalancer(world.ns, "web").securityGroups())
        .contains(backend);

    world.delete("web");

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().clusterTaggedResources())
                    .filteredOn(r -> r.startsWith("loadBalancer "))
                    .containsExactly("loadBalancer " + api.loadBalancerName()));
    assertThat(world.state().backendSecurityGroup()).isEqualTo(backend);
    assertThat(world.state().snapshot(world.ns, "api").get(0)).contains(backend);
    assertThat(world.state().clusterTaggedResources()).hasSize(4);

    world.delete("api");

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(() -> assertThat(world.state().clusterTaggedResources()).isEmpty());
  }
}
