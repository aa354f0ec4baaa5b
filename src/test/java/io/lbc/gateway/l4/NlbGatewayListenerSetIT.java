package io.lbc.gateway.l4;

import static io.lbc.gateway.l4.NlbGatewayIT.CONVERGED;
import static io.lbc.gateway.l4.NlbGatewayIT.condition;
import static io.lbc.gateway.l4.NlbGatewayIT.create;
import static io.lbc.gateway.l4.NlbGatewayIT.listeners;
import static io.lbc.gateway.l4.NlbGatewayIT.service;
import static io.lbc.gateway.l4.NlbGatewayIT.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.lbc.gateway.GatewayRig;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * ListenerSets (Gateway API v1.6 standard CRD, GatewayListenerSet gate on by default) on an NLB
 * Gateway, against the real apiserver and moto: the accepted ListenerSet's TCP listener becomes an
 * NLB listener forwarding to the TCPRoute attached through the ListenerSet, with its targets
 * registered; the ListenerSet, the route and the Gateway ({@code attachedListenerSets}) say so.
 * When the Gateway stops allowing it, the ListenerSet is NotAllowed, its NLB listener is removed
 * and the route's parent entry for it turns Accepted=False (NoMatchingParent); deleting the
 * ListenerSet keeps it False, saying the ListenerSet is not found.
 */
@RigTest
class NlbGatewayListenerSetIT {

  @Test
  void anAllowedListenerSetAddsAnNlbListenerAndLosesItWhenTheGatewayRejectsIt(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      kube.resource(service(ns, "echo", 8080, 0)).create();
      Set<String> podIps =
          world.pods("echo", 2, 8080).stream()
              .map(p -> p.split(":")[0])
              .collect(Collectors.toSet());
      world.gatewayClass("");
      world.createGateway(
          "gw",
          "allowedListeners: {namespaces: {from: Same}}",
          "{name: tcp, port: 80, protocol: TCP}");
      create(
          kube,
          LISTENER_SET,
          ns,
          "extra",
          Map.of(
              "parentRef",
              Map.of("name", "gw"),
              "listeners",
              // the same listener name as the Gateway's: names are unique per owner only
              List.of(Map.of("name", "tcp", "port", 8080, "protocol", "TCP"))));
      create(
          kube, GatewayKinds.TCP_ROUTE, ns, "web", NlbGatewayIT.route("gw", "tcp", "echo", 8080));
      create(
          kube,
          GatewayKinds.TCP_ROUTE,
          ns,
          "via-set",
          Map.of(
              "parentRefs",
              List.of(
                  Map.of(
                      "group",
                      GatewayApi.GROUP,
                      "kind",
                      "ListenerSet",
                      "name",
                      "extra",
                      "sectionName",
                      "tcp")),
              "rules",
              List.of(Map.of("backendRefs", List.of(Map.of("name", "echo", "port", 8080))))));

      LoadBalancer nlb = world.awaitLoadBalancer("gw");
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(listeners(aws, nlb)).containsExactlyInAnyOrder("80/TCP", "8080/TCP"));
      // the set's listener forwards to the via-set route's target group, the Gateway's to web's
      String viaSetGroup = forwardedGroup(aws, nlb, 8080);
      assertThat(viaSetGroup).isNotEqualTo(forwardedGroup(aws, nlb, 80));
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(aws.targets(viaSetGroup))
                      .extracting(t -> t.split(":")[0])
                      .containsExactlyInAnyOrderElementsOf(podIps));

      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                Map<String, Object> set = status(kube, LISTENER_SET, ns, "extra");
                assertThat(reason(set, "Accepted")).isEqualTo("True/Accepted");
                assertThat(reason(set, "Programmed")).isEqualTo("True/Programmed");
                assertThat(set.get("listeners")).asList().hasSize(1);
                Map<String, Object> listener = first(set, "listeners");
                assertThat(listener.get("name")).isEqualTo("tcp");
                assertThat(listener.get("attachedRoutes")).isEqualTo(1);
                assertThat(condition(listener, "Programmed")).isEqualTo("True");
                assertThat(routeParent(kube, ns, "via-set", "ListenerSet", "extra"))
                    .isEqualTo("True/Accepted");
                Map<String, Object> gateway = status(kube, GatewayKinds.GATEWAY, ns, "gw");
                assertThat(condition(gateway, "Programmed")).isEqualTo("True");
                assertThat(gateway.get("attachedListenerSets")).isEqualTo(1);
                // the Gateway's own status lists its own listener only
                assertThat(gateway.get("listeners")).asList().hasSize(1);
                assertThat(first(gateway, "listeners").get("attachedRoutes")).isEqualTo(1);
              });
      long generation =
          kube.resources(ListenerSet.class)
              .inNamespace(ns)
              .withName("extra")
              .get()
              .getMetadata()
              .getGeneration();
      assertThat(conditionsOf(status(kube, LISTENER_SET, ns, "extra")))
          .allSatisfy(c -> assertThat(c.get("observedGeneration")).isEqualTo((int) generation));

      // the Gateway stops allowing ListenerSets: the set is rejected, its NLB listener goes
      kube.genericKubernetesResources(GatewayKinds.GATEWAY)
          .inNamespace(ns)
          .withName("gw")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"allowedListeners\":{\"namespaces\":{\"from\":\"None\"}}}}");
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                Map<String, Object> set = status(kube, LISTENER_SET, ns, "extra");
                assertThat(reason(set, "Accepted")).isEqualTo("False/NotAllowed");
                assertThat(reason(set, "Programmed")).isEqualTo("False/NotAllowed");
                assertThat(set.get("listeners")).asList().isEmpty();
                assertThat(listeners(aws, nlb)).containsExactly("80/TCP");
                assertThat(routeParent(kube, ns, "via-set", "ListenerSet", "extra"))
                    .isEqualTo("False/NoMatchingParent");
                assertThat(status(kube, GatewayKinds.GATEWAY, ns, "gw").get("attachedListenerSets"))
                    .isEqualTo(0);
                assertThat(routeParent(kube, ns, "web", "Gateway", "gw"))
                    .isEqualTo("True/Accepted");
              });
      assertThat(world.targetGroups("gw"))
          .extracting(TargetGroup::targetGroupArn)
          .doesNotContain(viaSetGroup);

      assertThat(routeParentMessage(kube, ns, "via-set", "ListenerSet", "extra"))
          .contains("is not accepted by its parent Gateway");

      // the ListenerSet deleted: the route's entry for it says so, still Accepted=False
      kube.resources(ListenerSet.class).inNamespace(ns).withName("extra").delete();
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(routeParent(kube, ns, "via-set", "ListenerSet", "extra"))
                    .isEqualTo("False/NoMatchingParent");
                assertThat(routeParentMessage(kube, ns, "via-set", "ListenerSet", "extra"))
                    .isEqualTo("ListenerSet " + ns + "/extra not found");
              });
      assertThat(listeners(aws, nlb)).containsExactly("80/TCP");
    }
  }

  static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext LISTENER_SET =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
          .withGroup(GatewayApi.GROUP)
          .withVersion("v1")
          .withKind("ListenerSet")
          .withPlural("listenersets")
          .withNamespaced(true)
          .build();

  /** "status/reason" of the condition, null while there is none. */
  static String reason(Map<String, Object> holder, String type) {
    return conditionsOf(holder).stream()
        .filter(c -> type.equals(c.get("type")))
        .map(c -> c.get("status") + "/" + c.get("reason"))
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> conditionsOf(Map<String, Object> holder) {
    Object conditions = holder.get("conditions");
    return conditions instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> first(Map<String, Object> holder, String key) {
    return ((List<Map<String, Object>>) holder.get(key)).get(0);
  }

  /** "status/reason" of Accepted in the TCPRoute's parent entry for that parent, null for none. */
  static String routeParent(
      KubernetesClient kube, String ns, String route, String kind, String name) {
    Map<String, Object> entry = parentEntry(kube, ns, route, kind, name);
    return entry == null ? null : reason(entry, "Accepted");
  }

  static String routeParentMessage(
      KubernetesClient kube, String ns, String route, String kind, String name) {
    Map<String, Object> entry = parentEntry(kube, ns, route, kind, name);
    return entry == null
        ? null
        : conditionsOf(entry).stream()
            .filter(c -> "Accepted".equals(c.get("type")))
            .map(c -> String.valueOf(c.get("message")))
            .findFirst()
            .orElse(null);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parentEntry(
      KubernetesClient kube, String ns, String route, String kind, String name) {
    Object parents = status(kube, GatewayKinds.TCP_ROUTE, ns, route).get("parents");
    if (!(parents instanceof List<?> list)) {
      return null;
    }
    for (Object item : list) {
      var entry = (Map<String, Object>) item;
      var ref = (Map<String, Object>) entry.get("parentRef");
      if (kind.equals(Objects.requireNonNullElse(ref.get("kind"), "Gateway"))
          && name.equals(ref.get("name"))) {
        return entry;
      }
    }
    return null;
  }

  /** The one target group the NLB listener on that port forwards to. */
  static String forwardedGroup(AwsTestClients aws, LoadBalancer nlb, int port) {
    var listener =
        aws
            .elbv2()
            .describeListeners(r -> r.loadBalancerArn(nlb.loadBalancerArn()))
            .listeners()
            .stream()
            .filter(l -> l.port() == port)
            .findFirst()
            .orElseThrow();
    var groups = listener.defaultActions().get(0).forwardConfig().targetGroups();
    assertThat(groups).hasSize(1);
    return groups.get(0).targetGroupArn();
  }
}
