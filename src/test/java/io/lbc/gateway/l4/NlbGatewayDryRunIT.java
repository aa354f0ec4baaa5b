package io.lbc.gateway.l4;

import static io.lbc.gateway.l4.NlbGatewayIT.create;
import static io.lbc.gateway.l4.NlbGatewayIT.route;
import static io.lbc.gateway.l4.NlbGatewayIT.routeAccepted;
import static io.lbc.gateway.l4.NlbGatewayIT.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.gateway.GatewayRig;
import io.lbc.reconcile.NlbGatewayReconciler;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import org.junit.jupiter.api.Test;

/**
 * {@code gateway.k8s.aws/dry-run: "true"} on an NLB Gateway (gateway-spec §4.1), as {@code
 * GatewayDryRunIT} proves it for an ALB: the plan of a network load balancer is written on the
 * Gateway and its TCPRoute is accepted, while nothing is created in AWS and no finalizer is added;
 * once the annotation is removed the NLB is provisioned and the plan removed.
 */
@RigTest
class NlbGatewayDryRunIT {
  private static final String PLAN = GatewayRig.DRY_RUN_PLAN;

  @Test
  void aDryRunWritesTheNlbsPlanAndDeploysNothingUntilItIsTurnedOff(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      kube.resource(service(ns, "echo", 8080, 0)).create();
      world.pods("echo", 1, 8080);
      world.gatewayClass("");
      world.createDryRunGateway("gw", "{name: tcp, port: 80, protocol: TCP}");
      create(kube, GatewayKinds.TCP_ROUTE, ns, "web", route("gw", "tcp", "echo", 8080));

      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> world.gateway("gw").getMetadata().getAnnotations().containsKey(PLAN));
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> "True".equals(routeAccepted(kube, GatewayKinds.TCP_ROUTE, ns, "web")));
      Gateway planned = world.gateway("gw");
      JsonNode resources = world.dryRunPlan("gw");
      assertThat(
              resources
                  .get("AWS::ElasticLoadBalancingV2::LoadBalancer")
                  .get("LoadBalancer")
                  .get("spec")
                  .get("type")
                  .asText())
          .isEqualTo("network");
      assertThat(resources.get("AWS::ElasticLoadBalancingV2::Listener").size())
          .as("the planned listeners")
          .isEqualTo(1);
      assertThat(planned.getMetadata().getFinalizers())
          .doesNotContain(NlbGatewayReconciler.FINALIZER);
      assertThat(world.loadBalancers("gw")).as("nothing is deployed").isEmpty();
      assertThat(world.targetGroups("gw")).isEmpty();

      // turning the dry run off provisions the NLB and removes the plan
      world.endDryRun("gw");
      assertThat(world.awaitLoadBalancer("gw").type().toString()).isEqualTo("network");
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> !world.gateway("gw").getMetadata().getAnnotations().containsKey(PLAN));
      assertThat(world.gateway("gw").getMetadata().getFinalizers())
          .contains(NlbGatewayReconciler.FINALIZER);

      kube.resources(Gateway.class).inNamespace(ns).withName("gw").delete();
      await().atMost(GatewayRig.CONVERGED).until(() -> world.gateway("gw") == null);
      assertThat(world.loadBalancers("gw")).isEmpty();
    }
  }
}
