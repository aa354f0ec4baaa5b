package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.service.ServiceObjects.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** Two Services share the cluster's backend security group; it goes with the last of them. */
@RigTest
class SharedBackendGroupIT {
  private ServiceRig world;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void theBackendGroupOutlivesTheFirstServiceAndGoesWithTheLast() {
    for (String name : List.of("web", "api")) {
      var service =
          world.create(
              ServiceObjects.nlbIp(world.ns, name, Map.of(), port("http", 80, "TCP", 8080)));
      world.slice(service, List.of(Endpoint.at("10.0.11.81")));
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
