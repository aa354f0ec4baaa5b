package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ListenerRulesTagging=false}: listeners and rules are created untagged and stay so, while
 * the load balancer and target groups keep their tags. {@code WeightedTargetGroups=false}: a
 * forward to two target groups is refused, one to a single group is written.
 */
@RigTest
class FeatureGatesIT {
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it =
        IngressRig.start(
            rig,
            kube,
            aws,
            namespace,
            "--feature-gates=ListenerRulesTagging=false,WeightedTargetGroups=false,"
                + "IngressPlanAnnotation=true");
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void listenersAndRulesAreUntaggedAndWeightedForwardsAreRefused() {
    it.nodePortService("web", Map.of());
    it.nodePortService("canary", Map.of());
    it.simpleIngress("web", "web", Map.of());
    it.awaitHostname("web");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.get("web").orElseThrow().getMetadata().getAnnotations())
                    .hasEntrySatisfying(
                        "alb.ingress.kubernetes.io/dry-run-plan",
                        plan ->
                            assertThat(plan)
                                .startsWith("{")
                                .contains("AWS::ElasticLoadBalancingV2::LoadBalancer")
                                .contains("AWS::ElasticLoadBalancingV2::Listener")));

    var lb = it.alb.onlyLoadBalancer();
    assertThat(it.alb.tags(lb.loadBalancerArn())).containsKey("elbv2.k8s.aws/cluster");
    var listener = it.alb.listener(lb.loadBalancerArn(), 80);
    assertThat(it.alb.tags(listener.listenerArn())).isEmpty();
    assertThat(it.alb.rules(listener.listenerArn()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(it.alb.tags(r.ruleArn())).isEmpty());

    // a change of the user's tags reaches the load balancer, never the listener
    it.annotate("web", "alb.ingress.kubernetes.io/tags", "team=web");
    await()
        .atMost(IngressRig.CONVERGED)
        .until(() -> "web".equals(it.alb.tags(lb.loadBalancerArn()).get("team")));
    assertThat(it.alb.tags(listener.listenerArn())).isEmpty();

    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: split
          annotations:
            alb.ingress.kubernetes.io/actions.split: >-
              {"type":"forward","forwardConfig":{"targetGroups":[
              {"serviceName":"web","servicePort":"http","weight":80},
              {"serviceName":"canary","servicePort":"http","weight":20}]}}
        spec:
          ingressClassName: alb
          rules:
            - host: split.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: split, port: {name: use-annotation}}}}
        """);
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events("split", "FailedDeployModel"))
                    .anySatisfy(
                        e -> assertThat(e.getMessage()).contains("WeightedTargetGroups=false")));
  }

  /**
   * {@code EnableRGTAPI}: the stack's load balancer and target groups are found with GetResources
   * (moto's Resource Groups Tagging API), to update and to delete them.
   */
  @Test
  void withTheTaggingApiGateTheStacksResourcesAreFoundByGetResources() {
    var controller = it.restartController("--feature-gates=EnableRGTAPI=true");
    it.nodePortService("web", Map.of());
    it.simpleIngress("web", "web", Map.of());
    it.awaitHostname("web");
    assertThat(controller.awsCalls("GetResources")).isPositive();

    it.annotate("web", "alb.ingress.kubernetes.io/tags", "team=web");
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () ->
                "web".equals(it.alb.tags(it.alb.onlyLoadBalancer().loadBalancerArn()).get("team")));
    assertThat(it.alb.loadBalancers()).hasSize(1); // found and updated, not created twice

    it.delete("web");
    it.awaitGone("web");
    it.awaitNothingLeftInAws();
  }
}
