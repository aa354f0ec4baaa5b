package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackKind;
import io.lbc.plan.Manifests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Listener validation precedence, the Programmed condition of an invalid listener, and what a route
 * naming an invalid listener gets: what the Gateway API conformance suite checks
 * (ListenerSetProtocolConflict, TCPRouteInvalidNonTCPListener, TLSRouteInvalidNoMatchingListener).
 */
class ListenerValidationTest {
  private static Gateway gateway(String listeners) {
    return (Gateway)
        Manifests.parse(
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {namespace: infra, name: gw, generation: 3}
                spec:
                  gatewayClassName: alb
                  listeners: %s
                """
                    .formatted(listeners))
            .get(0);
  }

  @Test
  void aProtocolTheClassDoesNotServeOnAnHttpPortIsAProtocolConflict() {
    List<ListenerState> states =
        ListenerValidation.validate(
            GatewayFlavor.ALB,
            gateway(
                "[{name: http, port: 80, protocol: HTTP}, {name: tcp, port: 80, protocol: TCP},"
                    + " {name: alone, port: 81, protocol: TCP}]"));
    assertThat(states)
        .extracting(ListenerState::failure)
        .containsExactly(null, "ProtocolConflict", "UnsupportedProtocol");
    assertThat(states.get(1).conflicted()).isTrue();
  }

  @Test
  void aListenerWithAnUnservedProtocolDoesNotClaimItsPort() {
    List<ListenerState> states =
        ListenerValidation.validate(
            GatewayFlavor.ALB,
            gateway(
                "[{name: tcp, port: 80, protocol: TCP}, {name: http, port: 80, protocol: HTTP}]"));
    assertThat(states)
        .extracting(ListenerState::failure)
        .containsExactly("UnsupportedProtocol", null);
  }

  @Test
  void anInvalidListenerIsNotProgrammedWithItsValidationReason() {
    ListenerState conflicted =
        ListenerValidation.validate(
                GatewayFlavor.ALB,
                gateway(
                    "[{name: a, port: 80, protocol: HTTP, hostname: x.example.com},"
                        + " {name: b, port: 80, protocol: HTTP, hostname: x.example.com}]"))
            .get(1);
    var build =
        new GatewayBuild(
            new Stack(StackId.gateway(StackKind.GATEWAY_ALB, "infra", "gw")),
            List.of(conflicted),
            List.of(),
            Map.of(),
            Map.of(),
            List.of(),
            new ListenerSetHandshake.Result(List.of(), List.of(), Set.of()));
    ListenerStatus status =
        new GatewayStatusWriter(null, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .listenerStatus(conflicted, build, null, 3L, true);
    Condition programmed =
        status.getConditions().stream()
            .filter(c -> c.getType().equals("Programmed"))
            .findFirst()
            .orElseThrow();
    assertThat(programmed.getStatus()).isEqualTo("False");
    assertThat(programmed.getReason()).isEqualTo("HostnameConflict");
    assertThat(programmed.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void aRouteNamingAnInvalidListenerIsNotAllowedByListenersAndAMissingOneHasNoMatchingParent() {
    Gateway gateway =
        gateway("[{name: tcp, port: 80, protocol: TCP}, {name: http, port: 81, protocol: HTTP}]");
    var attachment =
        new RouteAttachment(
            gateway,
            ListenerValidation.validate(GatewayFlavor.ALB, gateway),
            new ListenerSetHandshake.Result(List.of(), List.of(), Set.of()),
            ns -> Map.of());
    HTTPRoute route =
        (HTTPRoute)
            Manifests.parse(
                    """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {namespace: infra, name: web}
                    spec:
                      parentRefs:
                      - {name: gw, sectionName: tcp}
                      - {name: gw, sectionName: nowhere}
                      - {name: gw}
                    """)
                .get(0);
    List<RouteAttachment.Parent> parents = attachment.attach(RouteView.of(route));
    assertThat(parents)
        .extracting(RouteAttachment.Parent::failure)
        .containsExactly("NotAllowedByListeners", "NoMatchingParent", null);
    assertThat(parents.get(0).message()).isEqualTo(RouteAttachment.INVALID_LISTENER);
  }
}
