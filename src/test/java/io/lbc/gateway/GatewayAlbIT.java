package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * An HTTP Gateway on the real apiserver with the Gateway API CRDs and moto: routes become ALB
 * rules, target groups and registered pod targets; statuses follow the Gateway API; a route ALB
 * cannot serve is refused alone; a no-op reconcile writes nothing; deleting the Gateway leaves
 * nothing behind. (A route from a namespace the listener does not allow: GatewayAlbConfigIT, whose
 * controller watches every namespace; this one watches the test's only.)
 */
@RigTest
class GatewayAlbIT {

  @Test
  void anHttpGatewayWithTwoRoutesBecomesAnAlbWithRulesTargetGroupsAndTargets(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      List<String> podsA = world.app("web-a", 2);
      List<String> podsB = world.app("web-b", 1);
      world.gatewayClass("");
      world.createGateway("gw", "", "{name: http, port: 80, protocol: HTTP}");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: by-path}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /a}}]
                backendRefs:
                  - {name: web-a, port: 80, weight: 80}
                  - {name: web-b, port: 80, weight: 20}
          """,
          HTTPRoute.class);
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: by-header}
          spec:
            parentRefs: [{name: gw, sectionName: http}]
            rules:
              - matches: [{headers: [{name: x-env, value: canary}], method: POST}]
                backendRefs: [{name: web-b, port: 80}]
          """,
          HTTPRoute.class);

      LoadBalancer alb = world.awaitProgrammed("gw");
      assertThat(alb.typeAsString()).isEqualTo("application");
      assertThat(alb.schemeAsString()).isEqualTo("internal");
      Map<String, String> tags = world.tags(alb.loadBalancerArn());
      assertThat(tags)
          .containsEntry("elbv2.k8s.aws/cluster", "rig")
          .containsEntry("gateway.k8s.aws.alb/stack", ns + "/gw")
          .containsEntry("gateway.k8s.aws.alb/resource", "LoadBalancer");

      Gateway gw = world.gateway("gw");
      assertThat(gw.getMetadata().getFinalizers()).contains("gateway.k8s.aws/alb");
      assertThat(gw.getStatus().getAddresses())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getType()).isEqualTo("Hostname");
                assertThat(a.getValue()).isEqualTo(alb.dnsName().toLowerCase());
              });
      assertThat(gw.getStatus().getConditions())
          .allSatisfy(
              c ->
                  assertThat(c.getObservedGeneration())
                      .isEqualTo(gw.getMetadata().getGeneration()));
      ListenerStatus http = gw.getStatus().getListeners().get(0);
      assertThat(http.getName()).isEqualTo("http");
      assertThat(http.getSupportedKinds())
          .singleElement()
          .satisfies(k -> assertThat(k.getKind()).isEqualTo("HTTPRoute"));
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.gateway("gw").getStatus().getListeners().get(0).getAttachedRoutes(),
              n -> n == 2);
      for (String route : List.of("by-path", "by-header")) {
        assertThat(world.routeReason(HTTPRoute.class, ns, route, "gw", "Accepted"))
            .isEqualTo("True/Accepted");
        assertThat(world.routeReason(HTTPRoute.class, ns, route, "gw", "ResolvedRefs"))
            .isEqualTo("True/ResolvedRefs");
        assertThat(world.parentStatus(HTTPRoute.class, ns, route, "gw").get().getControllerName())
            .isEqualTo("gateway.k8s.aws/alb");
      }

      List<Listener> listeners =
          aws.elbv2().describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn())).listeners();
      assertThat(listeners)
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.port()).isEqualTo(80);
                assertThat(l.protocolAsString()).isEqualTo("HTTP");
                assertThat(l.defaultActions().get(0).fixedResponseConfig().statusCode())
                    .isEqualTo("404");
              });
      List<Rule> rules = world.rules(listeners.get(0).listenerArn());
      assertThat(rules).hasSize(2);
      assertThat(values(rules.get(0), "path-pattern")).containsExactly("/a", "/a/*");
      List<TargetGroupTuple> weighted =
          rules.get(0).actions().get(0).forwardConfig().targetGroups();
      assertThat(weighted).extracting(TargetGroupTuple::weight).containsExactlyInAnyOrder(80, 20);
      RuleCondition header =
          rules.get(1).conditions().stream()
              .filter(c -> c.field().equals("http-header"))
              .findFirst()
              .orElseThrow();
      assertThat(header.httpHeaderConfig().httpHeaderName()).isEqualTo("x-env");
      assertThat(header.httpHeaderConfig().values()).containsExactly("canary");
      assertThat(values(rules.get(1), "http-request-method")).containsExactly("POST");

      // three target groups: web-a and web-b behind by-path, web-b behind by-header
      await().atMost(GatewayRig.CONVERGED).until(() -> world.ourTargetGroups().size() == 3);
      String tgA =
          weighted.stream()
              .filter(t -> t.weight() == 80)
              .findFirst()
              .orElseThrow()
              .targetGroupArn();
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(() -> assertThat(world.registeredTargets(tgA)).isEqualTo(podsA));
      String tgB =
          weighted.stream()
              .filter(t -> t.weight() == 20)
              .findFirst()
              .orElseThrow()
              .targetGroupArn();
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(() -> assertThat(world.registeredTargets(tgB)).isEqualTo(podsB));

      // a no-op reconcile (a route changes nothing ALB sees) writes nothing to AWS
      long writes = world.controller().awsWrites();
      kube.resources(HTTPRoute.class)
          .inNamespace(ns)
          .withName("by-header")
          .edit(
              r -> {
                r.getMetadata().setAnnotations(Map.of("touched", "yes"));
                return r;
              });
      long describes = world.controller().awsCalls("DescribeLoadBalancers");
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> world.controller().awsCalls("DescribeLoadBalancers") > describes);
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
      assertThat(world.controller().awsWrites())
          .as("AWS writes of a no-op reconcile")
          .isEqualTo(writes);

      // a route with a filter ALB cannot express is refused alone; the other rules stay
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: modifies-headers}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /m}}]
                filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier: {add: [{name: x-a, value: b}]}
                backendRefs: [{name: web-a, port: 80}]
          """,
          HTTPRoute.class);
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.routeReason(HTTPRoute.class, ns, "modifies-headers", "gw", "Accepted"),
              r -> r.equals("False/IncompatibleFilters"));
      assertThat(
              world
                  .parentStatus(HTTPRoute.class, ns, "modifies-headers", "gw")
                  .get()
                  .getConditions()
                  .stream()
                  .filter(c -> c.getType().equals("Accepted"))
                  .findFirst()
                  .orElseThrow()
                  .getMessage())
          .contains("spec.rules[0].filters", "RequestHeaderModifier");
      assertThat(world.rules(listeners.get(0).listenerArn())).hasSize(2);
      assertThat(world.ourTargetGroups()).hasSize(3);
      assertThat(world.programmed("gw")).isTrue();
      assertThat(world.gateway("gw").getStatus().getListeners().get(0).getAttachedRoutes())
          .isEqualTo(2);

      // deleting the Gateway deletes everything tagged with its stack
      world.deleteAndAwaitNothingLeft("gw");
      assertThat(world.ourTargetGroups()).isEmpty();
      assertThat(
              aws.ec2().describeSecurityGroups().securityGroups().stream()
                  .filter(
                      g ->
                          g.tags().stream()
                              .anyMatch(t -> t.key().equals("gateway.k8s.aws.alb/stack")))
                  .toList())
          .as("the managed security group")
          .isEmpty();
    }
  }

  private static List<String> values(Rule rule, String field) {
    return rule.conditions().stream()
        .filter(c -> c.field().equals(field))
        .flatMap(
            c ->
                switch (field) {
                  case "path-pattern" -> c.pathPatternConfig().values().stream();
                  case "http-request-method" -> c.httpRequestMethodConfig().values().stream();
                  default -> c.values().stream();
                })
        .toList();
  }
}
