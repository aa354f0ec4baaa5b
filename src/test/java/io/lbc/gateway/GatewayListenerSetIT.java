package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * ListenerSets (Gateway API v1.6 standard CRD, GatewayListenerSet gate on by default) on an ALB
 * Gateway, against the real apiserver and moto: an allowed ListenerSet's listener becomes an ALB
 * listener serving the route attached to the ListenerSet, counted in the Gateway's {@code
 * attachedListenerSets}; one the Gateway does not allow is NotAllowed, adds nothing, and a route's
 * parentRef to it is Accepted=False.
 */
@RigTest
class GatewayListenerSetIT {

  @Test
  void anAllowedListenerSetAddsAnAlbListenerServingTheRouteAttachedToIt(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      List<String> pods = world.app("web", 1);
      world.gatewayClass("");
      gatewayWithListenerSet(world, "allowedListeners: {namespaces: {from: Same}}", "extra");
      routeThroughTheSet(world);

      LoadBalancer alb = world.awaitProgrammed("gw");
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(conditionOf(world, "extra", "Programmed"))
                      .isEqualTo("True/Programmed"));
      List<Listener> listeners =
          aws.elbv2().describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn())).listeners();
      assertThat(listeners)
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.port()).isEqualTo(8080);
                assertThat(l.protocolAsString()).isEqualTo("HTTP");
              });
      List<Rule> rules = world.rules(listeners.get(0).listenerArn());
      assertThat(rules).hasSize(1);
      assertThat(rules.get(0).conditions())
          .anySatisfy(
              c ->
                  assertThat(c.pathPatternConfig().values()).containsExactly("/extra", "/extra/*"));
      var forward = rules.get(0).actions().get(0);
      String targetGroup =
          forward.targetGroupArn() != null
              ? forward.targetGroupArn()
              : forward.forwardConfig().targetGroups().get(0).targetGroupArn();
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(() -> assertThat(world.registeredTargets(targetGroup)).isEqualTo(pods));

      ListenerSet set = listenerSet(world, "extra");
      assertThat(conditionOf(world, "extra", "Accepted")).isEqualTo("True/Accepted");
      assertThat(set.getStatus().conditions)
          .allSatisfy(
              c ->
                  assertThat(c.getObservedGeneration())
                      .isEqualTo(set.getMetadata().getGeneration()));
      assertThat(set.getStatus().listeners)
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.getName()).isEqualTo("alt");
                assertThat(l.getAttachedRoutes()).isEqualTo(1);
              });
      assertThat(world.parentStatus(HTTPRoute.class, ns, "via-set", "extra").get().getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Accepted");
                assertThat(c.getStatus()).isEqualTo("True");
              });
      // the Gateway's own status lists its own listener only, and counts the attached set
      assertThat(world.gateway("gw").getStatus().getListeners())
          .singleElement()
          .satisfies(l -> assertThat(l.getName()).isEqualTo("http"));
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(() -> assertThat(attachedListenerSets(world)).isEqualTo(1));
    }
  }

  @Test
  void aListenerSetTheGatewayDoesNotAllowIsNotAllowedAndAddsNoListener(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      world.app("web", 1);
      world.gatewayClass("");
      gatewayWithListenerSet(world, "", "denied");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: both}
          spec:
            parentRefs:
              - {name: gw}
              - {group: gateway.networking.k8s.io, kind: ListenerSet, name: denied}
            rules:
              - matches: [{path: {type: PathPrefix, value: /x}}]
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);

      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(conditionOf(world, "denied", "Accepted")).isEqualTo("False/NotAllowed");
                assertThat(conditionOf(world, "denied", "Programmed"))
                    .isEqualTo("False/NotAllowed");
              });
      ListenerSet denied = listenerSet(world, "denied");
      assertThat(denied.getStatus().conditions)
          .allSatisfy(
              c -> assertThat(c.getMessage()).isEqualTo("Parent Gateway rejected ListenerSet"));
      assertThat(denied.getStatus().listeners).isEmpty();
      LoadBalancer alb = world.loadBalancers("gw").get(0);
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(
                          aws.elbv2()
                              .describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
                              .listeners())
                      .extracting(Listener::port)
                      .containsExactly(80));
      // the route's parentRef to the rejected set is refused; the one to the Gateway stands
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(
                        world.routeReason(HTTPRoute.class, world.ns, "both", "denied", "Accepted"))
                    .isEqualTo("False/NoMatchingParent");
                assertThat(world.routeReason(HTTPRoute.class, world.ns, "both", "gw", "Accepted"))
                    .isEqualTo("True/Accepted");
                assertThat(attachedListenerSets(world)).isEqualTo(0);
              });
    }
  }

  /**
   * The Gateway's Accepted weighs its ListenerSets' listeners as its own (gateway-spec §2.1): its
   * only own listener is one an ALB cannot serve (TCP), its ListenerSet's is valid, so the Gateway
   * is Accepted=True with reason ListenersNotValid, Programmed, and the ALB serves the set's port.
   */
  @Test
  void aGatewayWithoutAValidListenerOfItsOwnIsAcceptedThroughItsListenerSet(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      kube.resource(GatewayRig.service(world.ns, "web")).create();
      world.gatewayClass("");
      gatewayWithListenerSet(
          world,
          "allowedListeners: {namespaces: {from: Same}}",
          "{name: tcp, port: 80, protocol: TCP}",
          "extra");
      routeThroughTheSet(world);

      LoadBalancer alb = world.awaitProgrammed("gw");
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                var status = world.gateway("gw").getStatus();
                assertThat(world.condition(status.getConditions(), "Accepted"))
                    .get()
                    .satisfies(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo("True");
                          assertThat(c.getReason()).isEqualTo("ListenersNotValid");
                        });
                assertThat(status.getListeners())
                    .singleElement()
                    .satisfies(
                        l ->
                            assertThat(world.condition(l.getConditions(), "Accepted"))
                                .get()
                                .extracting(Condition::getReason)
                                .isEqualTo("UnsupportedProtocol"));
                assertThat(attachedListenerSets(world)).isEqualTo(1);
                assertThat(conditionOf(world, "extra", "Accepted")).isEqualTo("True/Accepted");
              });
      assertThat(
              aws.elbv2()
                  .describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
                  .listeners())
          .extracting(Listener::port)
          .containsExactly(8080);
    }
  }

  /** The Gateway's status.attachedListenerSets (not in fabric8's GatewayStatus), null for none. */
  private static Object attachedListenerSets(GatewayRig world) {
    var status = world.gateway("gw").getStatus();
    return status == null ? null : status.getAdditionalProperties().get("attachedListenerSets");
  }

  /**
   * Gateway {@code gw} (HTTP on 80, with the {@code allowedListeners} line given) and a ListenerSet
   * naming it that adds HTTP on 8080.
   */
  private static void gatewayWithListenerSet(GatewayRig world, String allowed, String set) {
    gatewayWithListenerSet(world, allowed, "{name: http, port: 80, protocol: HTTP}", set);
  }

  private static void gatewayWithListenerSet(
      GatewayRig world, String allowed, String listener, String set) {
    world.createGateway("gw", allowed, listener);
    world.create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: ListenerSet
        metadata: {namespace: '%1$s', name: SET}
        spec:
          parentRef: {name: gw}
          listeners:
            - {name: alt, port: 8080, protocol: HTTP}
        """
            .replace("SET", set),
        ListenerSet.class);
  }

  /** HTTPRoute {@code via-set}: /extra on the ListenerSet {@code extra} to Service web. */
  private static void routeThroughTheSet(GatewayRig world) {
    world.create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {namespace: '%1$s', name: via-set}
        spec:
          parentRefs: [{group: gateway.networking.k8s.io, kind: ListenerSet, name: extra}]
          rules:
            - matches: [{path: {type: PathPrefix, value: /extra}}]
              backendRefs: [{name: web, port: 80}]
        """,
        HTTPRoute.class);
  }

  private static ListenerSet listenerSet(GatewayRig world, String name) {
    return world.kube.resources(ListenerSet.class).inNamespace(world.ns).withName(name).get();
  }

  /** "status/reason" of the ListenerSet's condition, "" while there is none. */
  private static String conditionOf(GatewayRig world, String name, String type) {
    ListenerSet set = listenerSet(world, name);
    if (set == null || set.getStatus() == null) {
      return "";
    }
    return world
        .condition(set.getStatus().conditions, type)
        .map((Condition c) -> c.getStatus() + "/" + c.getReason())
        .orElse("");
  }
}
