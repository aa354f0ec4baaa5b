package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.plan.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Gateway's Accepted condition weighs its accepted ListenerSets' listeners as its own
 * (gateway-spec §2.1): True when any of them is valid, reason ListenersNotValid when any is not; a
 * ListenerSet's Accepted weighs only its own (§2.3); attachedListenerSets counts the accepted sets
 * with a valid listener. The same for both flavors.
 */
class ListenerValidityTest {

  private record Verdicts(
      ListenerValidity gateway, ListenerValidity set, int attachedListenerSets) {}

  private static Verdicts validate(
      GatewayFlavor flavor, String gatewayListeners, String setListeners) {
    List<HasMetadata> objects =
        Manifests.parse(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {namespace: infra, name: gw}
            spec:
              gatewayClassName: any
              allowedListeners: {namespaces: {from: Same}}
              listeners: %s
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata: {namespace: infra, name: extra, creationTimestamp: '2026-01-01T00:00:00Z'}
            spec:
              parentRef: {name: gw}
              listeners: %s
            """
                .formatted(gatewayListeners, setListeners));
    var gateway = (Gateway) objects.get(0);
    var set = (ListenerSet) objects.get(1);
    var sets = ListenerSetHandshake.of(gateway, List.of(set), ns -> Map.of());
    assertThat(sets.accepted()).containsExactly(set);
    List<ListenerState> listeners = ListenerValidation.validate(flavor, gateway, sets.accepted());
    return new Verdicts(
        ListenerValidity.of(listeners),
        ListenerValidity.of(ListenerValidity.ownedBy(ListenerOwner.of(set), listeners)),
        ListenerValidity.attachedListenerSets(sets, listeners));
  }

  @Test
  void albGatewayWithoutValidListenersOfItsOwnIsAcceptedThroughItsListenerSet() {
    var verdicts =
        validate(
            GatewayFlavor.ALB,
            "[{name: tcp, port: 80, protocol: TCP}]",
            "[{name: http, port: 8080, protocol: HTTP}]");
    assertThat(verdicts.gateway()).isEqualTo(new ListenerValidity(true, true));
    assertThat(verdicts.gateway().acceptedReason()).isEqualTo("ListenersNotValid");
    assertThat(verdicts.set().accepted()).isTrue();
    assertThat(verdicts.set().acceptedReason()).isEqualTo("Accepted");
    assertThat(verdicts.attachedListenerSets()).isEqualTo(1);
  }

  @Test
  void nlbGatewayWithoutValidListenersOfItsOwnIsAcceptedThroughItsListenerSet() {
    var verdicts =
        validate(
            GatewayFlavor.NLB,
            "[{name: http, port: 80, protocol: HTTP}]",
            "[{name: tcp, port: 8080, protocol: TCP}]");
    assertThat(verdicts.gateway().accepted()).isTrue();
    assertThat(verdicts.gateway().acceptedReason()).isEqualTo("ListenersNotValid");
    assertThat(verdicts.attachedListenerSets()).isEqualTo(1);
  }

  @Test
  void anInvalidListenerSetListenerMakesTheValidGatewayListenersNotValid() {
    var verdicts =
        validate(
            GatewayFlavor.ALB,
            "[{name: http, port: 80, protocol: HTTP}]",
            "[{name: ok, port: 8080, protocol: HTTP}, {name: udp, port: 9090, protocol: UDP}]");
    assertThat(verdicts.gateway().accepted()).isTrue();
    assertThat(verdicts.gateway().acceptedReason()).isEqualTo("ListenersNotValid");
    assertThat(verdicts.set().accepted()).isTrue();
    assertThat(verdicts.set().acceptedReason()).isEqualTo("ListenersNotValid");
    assertThat(verdicts.attachedListenerSets()).isEqualTo(1);
  }

  @Test
  void aListenerSetWithOnlyInvalidListenersIsNotAcceptedNorCounted() {
    var verdicts =
        validate(
            GatewayFlavor.NLB,
            "[{name: tcp, port: 80, protocol: TCP}]",
            "[{name: clash, port: 80, protocol: TLS}]");
    assertThat(verdicts.gateway()).isEqualTo(new ListenerValidity(true, true));
    assertThat(verdicts.set()).isEqualTo(new ListenerValidity(false, true));
    assertThat(verdicts.set().acceptedReason()).isEqualTo("ListenersNotValid");
    assertThat(verdicts.attachedListenerSets()).isZero();
  }

  @Test
  void noValidListenerAnywhereIsNotAccepted() {
    var verdicts =
        validate(
            GatewayFlavor.ALB,
            "[{name: tcp, port: 80, protocol: TCP}]",
            "[{name: udp, port: 81, protocol: UDP}]");
    assertThat(verdicts.gateway()).isEqualTo(new ListenerValidity(false, true));
    assertThat(verdicts.attachedListenerSets()).isZero();
  }

  @Test
  void allValidIsAcceptedWithReasonAccepted() {
    var verdicts =
        validate(
            GatewayFlavor.ALB,
            "[{name: http, port: 80, protocol: HTTP}]",
            "[{name: other, port: 8080, protocol: HTTP}]");
    assertThat(verdicts.gateway()).isEqualTo(new ListenerValidity(true, false));
    assertThat(verdicts.gateway().acceptedReason()).isEqualTo("Accepted");
  }
}
