package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.k8s.aws/dry-run: "true"} on an ALB Gateway against moto and the real apiserver
 * (gateway-spec §4.1): the plan is written on the Gateway, the route's status too, and nothing is
 * created in AWS, no finalizer and no Gateway status are written; once the annotation is removed
 * the Gateway is provisioned and the stale plan is removed.
 */
@RigTest
class GatewayDryRunIT {
  private static final String PLAN = GatewayRig.DRY_RUN_PLAN;

  @Test
  void aDryRunWritesThePlanAndDeploysNothingUntilItIsTurnedOff(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      world.app("web", 1);
      world.gatewayClass("");
      // an accepted class first: the Gateway then gets no status at all while it is a dry run
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () ->
                  kube
                      .resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class)
                      .withName(world.className)
                      .get()
                      .getStatus()
                      .getConditions()
                      .stream()
                      .anyMatch(
                          c -> "Accepted".equals(c.getType()) && "True".equals(c.getStatus())));
      world.createDryRunGateway("gw", "{name: http, port: 80, protocol: HTTP}");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: web}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /}}]
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);

      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> world.gateway("gw").getMetadata().getAnnotations().containsKey(PLAN));
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.routeReason(HTTPRoute.class, ns, "web", "gw", "Accepted"),
              r -> r.equals("True/Accepted"));
      Gateway planned = world.gateway("gw");
      JsonNode resources = world.dryRunPlan("gw");
      assertThat(resources.get("AWS::ElasticLoadBalancingV2::LoadBalancer").get("LoadBalancer"))
          .as("the planned load balancer")
          .isNotNull();
      assertThat(
              resources
                  .get("AWS::ElasticLoadBalancingV2::LoadBalancer")
                  .get("LoadBalancer")
                  .get("spec")
                  .get("type")
                  .asText())
          .isEqualTo("application");
      assertThat(resources.get("AWS::ElasticLoadBalancingV2::Listener").get("80")).isNotNull();
      assertThat(planned.getMetadata().getFinalizers()).doesNotContain("gateway.k8s.aws/alb");
      assertThat(
              planned.getStatus() == null
                  ? java.util.List.of()
                  : planned.getStatus().getConditions())
          .as("no Gateway status is written in a dry run")
          .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo("Unknown"));
      assertThat(world.loadBalancers("gw")).as("nothing is deployed").isEmpty();
      assertThat(aws.elbv2().describeLoadBalancers().loadBalancers())
          .noneMatch(lb -> lb.loadBalancerName().contains(ns.substring(0, 8)));
      assertThat(world.ourTargetGroups()).isEmpty();

      // turning the dry run off provisions the Gateway and removes the plan
      world.endDryRun("gw");
      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      assertThat(world.loadBalancers("gw")).hasSize(1);
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> !world.gateway("gw").getMetadata().getAnnotations().containsKey(PLAN));
      assertThat(world.gateway("gw").getMetadata().getFinalizers()).contains("gateway.k8s.aws/alb");

      // once provisioned, a dry-run annotation is ignored: no plan, the ALB stays
      kube.resources(Gateway.class)
          .inNamespace(ns)
          .withName("gw")
          .edit(
              g -> {
                g.getMetadata().getAnnotations().put("gateway.k8s.aws/dry-run", "true");
                g.getSpec().getListeners().get(0).setName("web");
                return g;
              });
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () ->
                  world.gateway("gw").getStatus().getListeners().stream()
                      .anyMatch(l -> "web".equals(l.getName())));
      assertThat(world.gateway("gw").getMetadata().getAnnotations()).doesNotContainKey(PLAN);
      assertThat(world.loadBalancers("gw")).hasSize(1);

      kube.resources(Gateway.class).inNamespace(ns).withName("gw").delete();
      await().atMost(GatewayRig.CONVERGED).until(() -> world.gateway("gw") == null);
      assertThat(world.loadBalancers("gw")).isEmpty();
    }
  }
}
