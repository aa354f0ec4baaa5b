package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.lbc.gateway.ListenerSetHandshake.State;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.plan.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handshake between a Gateway's {@code allowedListeners} and ListenerSets' parentRefs. */
class ListenerSetHandshakeTest {
  private static final Map<String, Map<String, String>> LABELS =
      Map.of("team-a", Map.of("team", "a"), "team-b", Map.of("team", "b"));

  private static Gateway gateway(String allowedListeners) {
    return (Gateway)
        Manifests.parse(
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {namespace: infra, name: gw}
                spec:
                  gatewayClassName: alb
                  %s
                  listeners: [{name: http, port: 80, protocol: HTTP}]
                """
                    .formatted(allowedListeners))
            .get(0);
  }

  private static ListenerSet listenerSet(
      String namespace, String name, String parentRef, String created) {
    return (ListenerSet)
        Manifests.parse(
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: ListenerSet
                metadata: {namespace: %s, name: %s, creationTimestamp: '%s'}
                spec:
                  parentRef: %s
                  listeners: [{name: extra, port: 8080, protocol: HTTP}]
                """
                    .formatted(namespace, name, created, parentRef))
            .get(0);
  }

  private static State state(Gateway gateway, ListenerSet listenerSet) {
    return ListenerSetHandshake.state(
        gateway, listenerSet, ns -> LABELS.getOrDefault(ns, Map.of()));
  }

  @Test
  void withoutAllowedListenersTheGatewayRejectsEveryListenerSetNamingIt() {
    Gateway gateway = gateway("");
    assertThat(state(gateway, listenerSet("infra", "a", "{name: gw}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.REJECTED);
    assertThat(state(gateway, listenerSet("infra", "b", "{name: other}", "2026-01-01T00:00:00Z")))
        .as("names another Gateway")
        .isEqualTo(State.IRRELEVANT);
    assertThat(
            state(
                gateway,
                listenerSet("infra", "c", "{name: gw, kind: Other}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.IRRELEVANT);
  }

  @Test
  void fromSameAllAndSelector() {
    var same = gateway("allowedListeners: {namespaces: {from: Same}}");
    assertThat(state(same, listenerSet("infra", "a", "{name: gw}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.ACCEPTED);
    assertThat(
            state(
                same,
                listenerSet("team-a", "a", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.REJECTED);
    var all = gateway("allowedListeners: {namespaces: {from: All}}");
    assertThat(
            state(
                all,
                listenerSet("team-a", "a", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.ACCEPTED);
    var selector =
        gateway(
            "allowedListeners: {namespaces: {from: Selector, selector: {matchLabels: {team: a}}}}");
    assertThat(
            state(
                selector,
                listenerSet("team-a", "a", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.ACCEPTED);
    assertThat(
            state(
                selector,
                listenerSet("team-b", "b", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z")))
        .isEqualTo(State.REJECTED);
    var noSelector = gateway("allowedListeners: {namespaces: {from: Selector}}");
    assertThat(
            state(
                noSelector,
                listenerSet("team-a", "a", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z")))
        .as("a missing selector denies")
        .isEqualTo(State.REJECTED);
  }

  @Test
  void acceptedListenerSetsComeOldestFirstThenByName() {
    var gateway = gateway("allowedListeners: {namespaces: {from: All}}");
    var result =
        ListenerSetHandshake.of(
            gateway,
            List.of(
                listenerSet("team-b", "z", "{name: gw, namespace: infra}", "2026-01-02T00:00:00Z"),
                listenerSet("team-b", "b", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z"),
                listenerSet("team-a", "c", "{name: gw, namespace: infra}", "2026-01-01T00:00:00Z"),
                listenerSet("team-a", "x", "{name: other, namespace: infra}", "2026-01-01Z")),
            ns -> Map.of());

    assertThat(result.accepted())
        .extracting(ListenerSetHandshake::key)
        .containsExactly("team-a/c", "team-b/b", "team-b/z");
    assertThat(result.rejected()).isEmpty();
    assertThat(ListenerSetHandshake.listeners(result.accepted().get(0)))
        .extracting(l -> l.getName() + ":" + l.getPort())
        .containsExactly("extra:8080");
  }
}
