package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerRuleConfigurationStatus;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * ListenerRuleConfiguration status and the OIDC Secret watch of ALB Gateways against moto and the
 * real apiserver (gateway-spec §2.4, §2.5, §3.5): a configuration is accepted unless the Secret its
 * {@code authenticate-oidc} action names is missing; a route using one that is not accepted is
 * refused with {@code IncompatibleFilters}; creating the Secret (the Gateway untouched) accepts the
 * configuration and puts the authentication on the ALB rule, and rotating it updates the rule.
 */
@RigTest
class GatewayListenerRuleStatusIT {

  @Test
  void aMissingOidcSecretRefusesTheRouteUntilTheSecretAppears(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      world.app("web", 1);
      AwsFixtures.importCertificate(aws.acm(), "*.example.com");
      world.gatewayClass("");
      world.createGateway(
          "gw", "", "{name: https, port: 443, protocol: HTTPS, hostname: shop.example.com}");
      world.maintenanceRuleConfiguration();
      world.oidcRuleConfiguration("sso", "idp");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: shop}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /down}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: maintenance}
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: account}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /account}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: sso}
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);

      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(status(kube, ns, "maintenance")).isPresent();
                assertThat(status(kube, ns, "sso")).isPresent();
              });
      var accepted = status(kube, ns, "maintenance").orElseThrow();
      assertThat(accepted.accepted).isTrue();
      assertThat(accepted.message).isEqualTo("Accepted");
      assertThat(accepted.observedGeneration).isEqualTo(generation(kube, ns, "maintenance"));
      var refused = status(kube, ns, "sso").orElseThrow();
      assertThat(refused.accepted).isFalse();
      assertThat(refused.message).isEqualTo("secret [" + ns + "/idp] not found");
      assertThat(refused.observedGeneration).isEqualTo(generation(kube, ns, "sso"));

      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                var condition =
                    world
                        .parentStatus(HTTPRoute.class, ns, "account", "gw")
                        .flatMap(p -> world.condition(p.getConditions(), "Accepted"))
                        .orElseThrow();
                assertThat(condition.getStatus() + "/" + condition.getReason())
                    .isEqualTo("False/IncompatibleFilters");
                assertThat(condition.getMessage())
                    .contains(
                        "ListenerRuleConfiguration ["
                            + ns
                            + "/sso] is not accepted. Reason: secret ["
                            + ns
                            + "/idp] not found");
              });
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.routeReason(HTTPRoute.class, ns, "shop", "gw", "Accepted"),
              r -> r.equals("True/Accepted"));
      String listener = httpsListener(world);
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> assertThat(GatewayRig.withPath(world.rules(listener), "/down")).isPresent());
      assertThat(GatewayRig.withPath(world.rules(listener), "/account"))
          .as("the refused route has no rule")
          .isEmpty();

      // the Secret appears: the configuration is accepted and the rule authenticates, the Gateway
      // itself untouched
      world.create(
          """
          apiVersion: v1
          kind: Secret
          metadata: {namespace: '%1$s', name: idp}
          stringData: {clientID: shop-client, clientSecret: s3cr3t}
          """,
          Secret.class);
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> status(kube, ns, "sso").map(s -> s.accepted).orElse(false));
      assertThat(status(kube, ns, "sso").orElseThrow().message).isEqualTo("Accepted");
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                Optional<Rule> found = GatewayRig.withPath(world.rules(listener), "/account");
                assertThat(found).isPresent();
                Rule account = found.get();
                assertThat(account.actions())
                    .extracting(Action::typeAsString)
                    .containsExactly("authenticate-oidc", "forward");
                assertThat(account.actions().get(0).authenticateOidcConfig().clientId())
                    .isEqualTo("shop-client");
              });
      // the status is written after the deploy
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.routeReason(HTTPRoute.class, ns, "account", "gw", "Accepted"),
              r -> r.equals("True/Accepted"));

      // a rotated Secret reaches the rule through the Secret's watch
      kube.secrets()
          .inNamespace(ns)
          .withName("idp")
          .edit(
              secret -> {
                secret.setData(null);
                secret.setStringData(Map.of("clientID", "rotated-client", "clientSecret", "n3w"));
                return secret;
              });
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(
                          GatewayRig.withPath(world.rules(listener), "/account")
                              .map(r -> r.actions().get(0).authenticateOidcConfig())
                              .map(c -> c == null ? null : c.clientId()))
                      .contains("rotated-client"));

      // deleting it refuses the configuration again, and the route with it (fails closed)
      kube.secrets().inNamespace(ns).withName("idp").delete();
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> status(kube, ns, "sso").map(s -> !s.accepted).orElse(false));
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> assertThat(GatewayRig.withPath(world.rules(listener), "/account")).isEmpty());

      kube.resources(Gateway.class).inNamespace(ns).withName("gw").delete();
      await().atMost(GatewayRig.CONVERGED).until(() -> world.gateway("gw") == null);
      assertThat(world.loadBalancers("gw")).isEmpty();
    }
  }

  private static String httpsListener(GatewayRig world) {
    String lb = world.loadBalancers("gw").get(0).loadBalancerArn();
    return world.aws.elbv2().describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
        .filter(l -> l.port() == 443)
        .findFirst()
        .orElseThrow()
        .listenerArn();
  }

  private static Optional<ListenerRuleConfigurationStatus> status(
      KubernetesClient kube, String ns, String name) {
    var configuration =
        kube.resources(ListenerRuleConfiguration.class).inNamespace(ns).withName(name).get();
    return Optional.ofNullable(configuration == null ? null : configuration.getStatus())
        .filter(s -> s.accepted != null);
  }

  private static Long generation(KubernetesClient kube, String ns, String name) {
    return kube.resources(ListenerRuleConfiguration.class)
        .inNamespace(ns)
        .withName(name)
        .get()
        .getMetadata()
        .getGeneration();
  }
}
