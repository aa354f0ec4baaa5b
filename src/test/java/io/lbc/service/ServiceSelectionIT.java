package io.lbc.service;

import static io.lbc.service.ServiceObjects.PREFIX;
import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which Services the controller serves (compat-spec §2.1): others cost no AWS call and get no
 * finalizer; one that stops qualifying loses its NLB as if it were deleted.
 */
@RigTest
class ServiceSelectionIT {
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

  private void awaitCleanedUp(String name) {
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(world.state().clusterTaggedResources()).isEmpty();
              Service service = world.get(name);
              assertThat(ServiceRig.hasFinalizer(service)).isFalse();
              assertThat(service.getStatus().getLoadBalancer().getIngress()).isEmpty();
              assertThat(world.readyCondition(name)).isEmpty();
              assertThat(world.bindings()).isEmpty();
            });
  }

  private void awaitServed(Service service) {
    world.runPods(service.getMetadata().getName(), 1);
    world.awaitReady(service.getMetadata().getName());
    assertThat(world.state().clusterTaggedResources()).isNotEmpty();
  }

  @Test
  void aClassServiceTurnedClusterIpLosesItsLoadBalancer() {
    Service service =
        ServiceObjects.loadBalancer(
            world.ns,
            "web",
            Map.of(PREFIX + "aws-load-balancer-nlb-target-type", "ip"),
            port("http", 80, "TCP", 8080));
    service.getSpec().setLoadBalancerClass(ServiceObjects.NLB_CLASS);
    awaitServed(world.create(service));
    // The class cannot simply be removed from a LoadBalancer Service: the apiserver keeps it.
    assertThatThrownBy(
            () ->
                world.edit(
                    "web",
                    s -> {
                      s.getSpec().setLoadBalancerClass(null);
                      return s;
                    }))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

    world.edit(
        "web",
        s -> {
          // what the apiserver demands of a ClusterIP Service
          s.getSpec().setType("ClusterIP");
          s.getSpec().setLoadBalancerClass(null);
          s.getSpec().setExternalTrafficPolicy(null);
          s.getSpec().setAllocateLoadBalancerNodePorts(null);
          s.getSpec().getPorts().forEach(p -> p.setNodePort(null));
          return s;
        });

    awaitCleanedUp("web");
  }

  @Test
  void anNlbIpServiceThatLosesItsTypeAnnotationLosesItsLoadBalancer() {
    awaitServed(
        world.create(
            ServiceObjects.nlbIp(world.ns, "web", Map.of(), port("http", 80, "TCP", 8080))));

    world.annotate("web", "aws-load-balancer-type", null);

    awaitCleanedUp("web");
    assertThat(world.get("web").getSpec().getType()).isEqualTo("LoadBalancer");
  }

  @Test
  void servicesOfOtherControllersCostNoAwsCallAndGetNoFinalizer() {
    InProcessController controller = world.controller();
    long before = controller.awsCallsTotal();
    Service otherClass =
        ServiceObjects.loadBalancer(
            world.ns, "other-class", Map.of(), port("http", 80, "TCP", 8080));
    otherClass.getSpec().setLoadBalancerClass("example.com/other");
    Service clusterIp =
        ServiceObjects.loadBalancer(
            world.ns, "cluster-ip", Map.of(), port("http", 80, "TCP", 8080));
    clusterIp.getSpec().setType("ClusterIP");
    Service unannotated =
        ServiceObjects.loadBalancer(
            world.ns, "unannotated", Map.of(), port("http", 80, "TCP", 8080));
    Service externalWithoutTargetType =
        ServiceObjects.loadBalancer(
            world.ns,
            "external-only",
            Map.of(PREFIX + "aws-load-balancer-type", "external"),
            port("http", 80, "TCP", 8080));
    // Another controller's class wins over our annotations.
    Service otherClassAnnotated =
        ServiceObjects.loadBalancer(
            world.ns,
            "other-class-annotated",
            Map.of(PREFIX + "aws-load-balancer-type", "nlb-ip"),
            port("http", 80, "TCP", 8080));
    otherClassAnnotated.getSpec().setLoadBalancerClass("example.com/other");
    List<Service> ignored =
        List.of(otherClass, unannotated, externalWithoutTargetType, otherClassAnnotated);
    ignored.forEach(world::create);
    world.kube.resource(clusterIp).create();
    List<String> names =
        List.of(
            "other-class", "cluster-ip", "unannotated", "external-only", "other-class-annotated");

    assertNothingHappens(controller, before, names);

    for (String name : names) {
      world.edit(
          name,
          s -> {
            var annotations = new HashMap<>(s.getMetadata().getAnnotations());
            annotations.put(PREFIX + "aws-load-balancer-healthcheck-interval", "20");
            s.getMetadata().setAnnotations(annotations);
            s.getMetadata().setLabels(Map.of("edited", "yes"));
            var ports = new java.util.ArrayList<>(s.getSpec().getPorts());
            ports.add(port("admin", 9000, "TCP", 9090));
            s.getSpec().setPorts(ports);
            return s;
          });
    }

    assertNothingHappens(controller, before, names);
  }

  private void assertNothingHappens(
      InProcessController controller, long callsBefore, List<String> names) {
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(controller.awsCallsTotal()).isEqualTo(callsBefore);
              for (String name : names) {
                Service service = world.get(name);
                assertThat(service.getMetadata().getFinalizers()).isEmpty();
                assertThat(world.readyCondition(name)).isEmpty();
              }
            });
    assertThat(world.state().clusterTaggedResources()).isEmpty();
  }
}
