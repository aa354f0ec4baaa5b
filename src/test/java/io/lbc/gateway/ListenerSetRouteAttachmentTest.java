package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.plan.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Route parentRefs of kind ListenerSet (gateway-spec §2.3, §2.5): through an accepted set they
 * reach its listeners; through a rejected one, or one deleted after this controller wrote the
 * route's entry for it, they are Accepted=False (NoMatchingParent) rather than left with a stale
 * entry; the Gateway counts its accepted sets with a valid listener.
 */
class ListenerSetRouteAttachmentTest {
  private static final List<HasMetadata> OBJECTS =
      Manifests.parse(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata: {namespace: infra, name: gw}
          spec:
            gatewayClassName: alb
            allowedListeners: {namespaces: {from: Same}}
            listeners: [{name: http, port: 80, protocol: HTTP}]
          ---
          apiVersion: gateway.networking.k8s.io/v1
          kind: ListenerSet
          metadata: {namespace: infra, name: ok, creationTimestamp: '2026-01-01T00:00:00Z'}
          spec:
            parentRef: {name: gw}
            listeners: [{name: http, port: 8080, protocol: HTTP}]
          ---
          apiVersion: gateway.networking.k8s.io/v1
          kind: ListenerSet
          metadata: {namespace: infra, name: clash, creationTimestamp: '2026-01-02T00:00:00Z'}
          spec:
            parentRef: {name: gw}
            listeners: [{name: https, port: 8080, protocol: HTTPS}]
          ---
          apiVersion: gateway.networking.k8s.io/v1
          kind: ListenerSet
          metadata: {namespace: team, name: denied, creationTimestamp: '2026-01-01T00:00:00Z'}
          spec:
            parentRef: {name: gw, namespace: infra}
            listeners: [{name: http, port: 9090, protocol: HTTP}]
          """);

  private static RouteView route(String parentRefs, String status) {
    return RouteView.of(
        (HTTPRoute)
            Manifests.parse(
                    """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {namespace: %s, name: r}
                    spec:
                      parentRefs: %s
                    status: %s
                    """
                        .formatted(
                            parentRefs.contains("denied") ? "team" : "infra", parentRefs, status))
                .get(0));
  }

  private static final Gateway GATEWAY = (Gateway) OBJECTS.get(0);
  private static final List<ListenerSet> SETS =
      OBJECTS.stream().filter(ListenerSet.class::isInstance).map(ListenerSet.class::cast).toList();

  private static List<String> attach(List<ListenerSet> present, RouteView route) {
    var sets = ListenerSetHandshake.of(GATEWAY, present, ns -> Map.of());
    var listeners = ListenerValidation.validate(GatewayFlavor.ALB, GATEWAY, sets.accepted());
    return new RouteAttachment(GATEWAY, listeners, sets, ns -> Map.of())
        .attach(route).stream()
            .map(
                p ->
                    p.attached()
                        ? "attached " + p.listeners().get(0).listener().owner().name()
                        : p.failure() + ": " + p.message())
            .toList();
  }

  @Test
  void anAcceptedSetReachesItsOwnListenersOnly() {
    assertThat(attach(SETS, route("[{kind: ListenerSet, name: ok}]", "{}")))
        .containsExactly("attached ok");
    assertThat(attach(SETS, route("[{kind: ListenerSet, name: clash}]", "{}")))
        .as("its only listener conflicts with the older set's")
        .singleElement()
        .asString()
        .doesNotStartWith("attached");
  }

  @Test
  void aRejectedSetRefusesTheParentRefInsteadOfIgnoringIt() {
    assertThat(attach(SETS, route("[{kind: ListenerSet, name: denied, namespace: team}]", "{}")))
        .containsExactly(
            "NoMatchingParent: ListenerSet team/denied is not accepted by its parent Gateway:"
                + " Parent Gateway rejected ListenerSet");
  }

  @Test
  void aDeletedSetRefusesTheParentRefOnlyWhereThisControllerHadWrittenIt() {
    String written =
        """
        {parents: [{controllerName: gateway.k8s.aws/alb,
          parentRef: {kind: ListenerSet, name: gone},
          conditions: [{type: Accepted, status: 'True', reason: Accepted, message: '',
            lastTransitionTime: '2026-01-01T00:00:00Z'}]}]}
        """;
    assertThat(attach(SETS, route("[{kind: ListenerSet, name: gone}]", written)))
        .containsExactly("NoMatchingParent: ListenerSet infra/gone not found");
    assertThat(attach(SETS, route("[{kind: ListenerSet, name: gone}]", "{}")))
        .as("never ours: perhaps another implementation's ListenerSet")
        .isEmpty();
    assertThat(
            attach(
                SETS,
                route(
                    "[{kind: ListenerSet, name: gone}]",
                    written.replace("gateway.k8s.aws/alb", "example.com/other"))))
        .isEmpty();
  }

  @Test
  void attachedListenerSetsCountsAcceptedSetsWithAValidListener() {
    var sets = ListenerSetHandshake.of(GATEWAY, SETS, ns -> Map.of());
    var listeners = ListenerValidation.validate(GatewayFlavor.ALB, GATEWAY, sets.accepted());
    assertThat(sets.accepted()).extracting(ListenerSetHandshake::key).hasSize(2);
    assertThat(ListenerValidity.attachedListenerSets(sets, listeners))
        .as("ok counts; clash (only a conflicted listener) and denied (rejected) do not")
        .isEqualTo(1);
  }
}
