package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Edits to a converged nlb-ip Service: ports, health checks and scheme. */
@RigTest
class ServiceChangesIT {
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
  void addingAPortAddsItsListenerAndTargetGroupAndRemovingItRemovesThem() {
    LoadBalancer lb = world.convergedWebOnPods();
    String first = world.state().targetGroupOf(lb, 80).targetGroupArn();

    Service twoPorts =
        world.edit(
            "web",
            s -> {
              var ports = new ArrayList<>(s.getSpec().getPorts());
              ports.add(port("admin", 9000, "TCP", 9090));
              s.getSpec().setPorts(ports);
              return s;
            });
    // the endpoint-slice controller publishes the new port of the pods by itself
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().listeners(lb.loadBalancerArn()))
                    .containsOnlyKeys(80, 9000));
    TargetGroup added = world.state().targetGroupOf(lb, 9000);
    assertThat(added.port()).isEqualTo(9090);
    assertThat(world.state().targetGroups()).hasSize(2);
    assertThat(world.state().targetGroupOf(lb, 80).targetGroupArn()).isEqualTo(first);
    world.awaitTargets(added.targetGroupArn(), world.podTargets("web", 9090));
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        world
                            .get("web")
                            .getStatus()
                            .getLoadBalancer()
                            .getIngress()
                            .get(0)
                            .getPorts())
                    .extracting(p -> p.getPort())
                    .containsExactly(80, 9000));

    world.edit(
        "web",
        s -> {
          s.getSpec().setPorts(List.of(s.getSpec().getPorts().get(0)));
          return s;
        });
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(world.state().listeners(lb.loadBalancerArn())).containsOnlyKeys(80);
              assertThat(world.state().targetGroups())
                  .extracting(TargetGroup::targetGroupArn)
                  .containsExactly(first);
              assertThat(world.bindings())
                  .extracting(b -> b.getSpec().targetGroupARN)
                  .containsExactly(first);
            });
    assertThat(world.state().requireLoadBalancer(world.ns, "web").loadBalancerArn())
        .isEqualTo(lb.loadBalancerArn());
    assertThat(world.state().targets(first))
        .containsExactlyInAnyOrderElementsOf(world.podTargets("web", 8080));
  }

  @Test
  void healthCheckAnnotationsModifyTheTargetGroupInPlace() {
    LoadBalancer lb = world.convergedWebOnPods();
    TargetGroup before = world.state().targetGroupOf(lb, 80);
    assertThat(before.healthyThresholdCount()).isEqualTo(3);
    long creates = world.controller().awsCalls("CreateTargetGroup");

    world.annotate(
        "web",
        Map.of(
            "aws-load-balancer-healthcheck-healthy-threshold", "5",
            "aws-load-balancer-healthcheck-unhealthy-threshold", "4",
            "aws-load-balancer-healthcheck-timeout", "7"));

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              TargetGroup after = world.state().targetGroup(before.targetGroupArn());
              assertThat(after.healthyThresholdCount()).isEqualTo(5);
              assertThat(after.unhealthyThresholdCount()).isEqualTo(4);
              assertThat(after.healthCheckTimeoutSeconds()).isEqualTo(7);
            });
    // the call is counted once its answer is processed, a moment after moto shows its effect
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(world.controller().awsCalls("ModifyTargetGroup")).isEqualTo(1));

    // The protocol and the interval are hash inputs of the name, yet modifiable in place.
    world.annotate(
        "web",
        Map.of(
            "aws-load-balancer-healthcheck-protocol", "http",
            "aws-load-balancer-healthcheck-path", "/ready",
            "aws-load-balancer-healthcheck-interval", "20"));

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              TargetGroup after = world.state().targetGroup(before.targetGroupArn());
              assertThat(after.healthCheckProtocolAsString()).isEqualTo("HTTP");
              assertThat(after.healthCheckPath()).isEqualTo("/ready");
              assertThat(after.healthCheckIntervalSeconds()).isEqualTo(20);
              assertThat(after.healthyThresholdCount()).isEqualTo(5);
              // moto drops the 200-399 matcher sent with it (rig/moto-gaps.md #30)
            });
    assertThat(world.state().targetGroupOf(lb, 80).targetGroupArn())
        .isEqualTo(before.targetGroupArn());
    assertThat(world.state().targetGroups()).hasSize(1);
    assertThat(world.controller().awsCalls("CreateTargetGroup")).isEqualTo(creates);
    assertThat(world.state().targets(before.targetGroupArn()))
        .containsExactlyInAnyOrderElementsOf(world.podTargets("web", 8080));
  }

  @Test
  void changingTheSchemeReplacesTheLoadBalancer() {
    LoadBalancer internal = world.convergedWebOnPods();
    assertThat(internal.schemeAsString()).isEqualTo("internal");
    String targetGroup = world.state().targetGroupOf(internal, 80).targetGroupArn();

    world.annotate("web", "aws-load-balancer-scheme", "internet-facing");

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().loadBalancer(world.ns, "web"))
                    .hasValueSatisfying(
                        lb -> assertThat(lb.schemeAsString()).isEqualTo("internet-facing")));
    LoadBalancer facing = world.state().requireLoadBalancer(world.ns, "web");
    assertThat(facing.loadBalancerArn()).isNotEqualTo(internal.loadBalancerArn());
    assertThat(facing.loadBalancerName()).isNotEqualTo(internal.loadBalancerName());
    assertThat(facing.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyInAnyOrderElementsOf(world.vpc.publicSubnetIds());
    assertThat(world.state().clusterTaggedResources())
        .filteredOn(r -> r.startsWith("loadBalancer "))
        .containsExactly("loadBalancer " + facing.loadBalancerName());
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.get("web").getStatus().getLoadBalancer().getIngress())
                    .singleElement()
                    .satisfies(
                        i ->
                            assertThat(i.getHostname())
                                .isEqualTo(facing.dnsName().toLowerCase(Locale.ROOT))));
    // The target groups do not depend on the scheme: kept, with their targets, behind the new NLB.
    assertThat(world.state().targetGroupOf(facing, 80).targetGroupArn()).isEqualTo(targetGroup);
    assertThat(world.state().targets(targetGroup))
        .containsExactlyInAnyOrderElementsOf(world.podTargets("web", 8080));
  }
}
