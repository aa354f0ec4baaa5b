package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;

/**
 * The rule side of ALB Gateways against moto and the real apiserver: URLRewrite filters read back
 * as rule transforms, ListenerRuleConfigurations referenced by ExtensionRef filters as actions
 * (fixed response, stickiness, Cognito and OIDC authentication on HTTPS), source-ip conditions,
 * regex matches and rule tags; authentication asked for on an HTTP listener refuses only that route
 * (Accepted=False and a Warning event) and the other routes stay programmed.
 */
@RigTest
class GatewayAlbRulesIT {

  @Test
  void rewritesAndListenerRuleConfigurationsBecomeRuleTransformsActionsConditionsAndTags(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      world.app("web", 1);
      AwsFixtures.importCertificate(aws.acm(), "*.example.com");
      world.gatewayClass("");
      world.createGateway(
          "gw",
          "",
          "{name: http, port: 80, protocol: HTTP}",
          "{name: https, port: 443, protocol: HTTPS, hostname: shop.example.com}");
      world.maintenanceRuleConfiguration();
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: ListenerRuleConfiguration
          metadata: {namespace: '%1$s', name: sticky-office}
          spec:
            actions:
              - type: forward
                forwardConfig: {targetGroupStickinessConfig: {enabled: true, durationSeconds: 600}}
            conditions:
              - field: source-ip
                sourceIPConfig: {values: [10.0.0.0/8]}
            tags: {team: checkout}
          """,
          ListenerRuleConfiguration.class);
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: ListenerRuleConfiguration
          metadata: {namespace: '%1$s', name: cognito}
          spec:
            actions:
              - type: authenticate-cognito
                authenticateCognitoConfig:
                  userPoolArn: arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc
                  userPoolClientId: client-1
                  userPoolDomain: auth.example.com
          """,
          ListenerRuleConfiguration.class);
      world.create(
          """
          apiVersion: v1
          kind: Secret
          metadata: {namespace: '%1$s', name: idp}
          stringData: {clientID: shop-client, clientSecret: s3cr3t}
          """,
          Secret.class);
      world.oidcRuleConfiguration("sso", "idp");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: on-http}
          spec:
            parentRefs: [{name: gw, sectionName: http}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /api}}]
                filters:
                  - type: URLRewrite
                    urlRewrite:
                      hostname: backend.internal
                      path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}
                backendRefs: [{name: web, port: 80}]
              - matches: [{path: {type: Exact, value: /old}}]
                filters:
                  - type: URLRewrite
                    urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /new}}
                backendRefs: [{name: web, port: 80}]
              - matches: [{path: {type: PathPrefix, value: /down}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: maintenance}
                backendRefs: [{name: web, port: 80}]
              - matches: [{path: {type: PathPrefix, value: /office}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: sticky-office}
                backendRefs: [{name: web, port: 80}]
              - matches:
                  - path: {type: RegularExpression, value: '/v[0-9]+'}
                    headers: [{type: RegularExpression, name: x-user, value: 'a.*'}]
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: admin}
          spec:
            parentRefs: [{name: gw, sectionName: https}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /admin}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: cognito}
                backendRefs: [{name: web, port: 80}]
              - matches: [{path: {type: PathPrefix, value: /account}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: sso}
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: admin-on-http}
          spec:
            parentRefs: [{name: gw, sectionName: http}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /admin}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: cognito}
                backendRefs: [{name: web, port: 80}]
          """,
          HTTPRoute.class);

      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.routeReason(HTTPRoute.class, ns, "admin-on-http", "gw", "Accepted"),
              r -> r.equals("False/UnsupportedValue"));
      for (String route : List.of("on-http", "admin")) {
        assertThat(world.routeReason(HTTPRoute.class, ns, route, "gw", "Accepted"))
            .isEqualTo("True/Accepted");
      }
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(
                          kube.v1().events().inNamespace(ns).list().getItems().stream()
                              .filter(e -> "admin-on-http".equals(e.getInvolvedObject().getName()))
                              .filter(e -> "Warning".equals(e.getType()))
                              .map(Event::getMessage)
                              .toList())
                      .anySatisfy(
                          m -> assertThat(m).contains("authenticate-cognito", "HTTPS listener")));

      String lb = world.loadBalancers("gw").get(0).loadBalancerArn();
      List<Listener> listeners =
          aws.elbv2().describeListeners(r -> r.loadBalancerArn(lb)).listeners();
      Listener http = listeners.stream().filter(l -> l.port() == 80).findFirst().orElseThrow();
      Listener https = listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();

      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(() -> assertThat(world.rules(http.listenerArn())).hasSize(5));
      List<Rule> rules = world.rules(http.listenerArn());
      Rule api = GatewayRig.withPath(rules, "/api").orElseThrow();
      assertThat(api.transforms())
          .extracting(RuleTransform::typeAsString)
          .containsExactly("url-rewrite", "host-header-rewrite");
      assertThat(api.transforms().get(0).urlRewriteConfig().rewrites().get(0).regex())
          .isEqualTo("(^/api(/)?)");
      assertThat(api.transforms().get(0).urlRewriteConfig().rewrites().get(0).replace())
          .isEqualTo("/v2$2");
      assertThat(api.transforms().get(1).hostHeaderRewriteConfig().rewrites().get(0).replace())
          .isEqualTo("backend.internal");
      Rule old = GatewayRig.withPath(rules, "/old").orElseThrow();
      assertThat(old.transforms())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.urlRewriteConfig().rewrites().get(0).regex()).isEqualTo("^([^?]*)");
                assertThat(t.urlRewriteConfig().rewrites().get(0).replace()).isEqualTo("/new");
              });
      Action down = GatewayRig.withPath(rules, "/down").orElseThrow().actions().get(0);
      assertThat(down.typeAsString()).isEqualTo("fixed-response");
      assertThat(down.fixedResponseConfig().statusCode()).isEqualTo("503");
      assertThat(down.fixedResponseConfig().messageBody()).isEqualTo("down");
      Rule office = GatewayRig.withPath(rules, "/office").orElseThrow();
      assertThat(
              office.conditions().stream()
                  .filter(c -> c.field().equals("source-ip"))
                  .flatMap(c -> c.sourceIpConfig().values().stream())
                  .toList())
          .containsExactly("10.0.0.0/8");
      var stickiness = office.actions().get(0).forwardConfig().targetGroupStickinessConfig();
      assertThat(stickiness.enabled()).isTrue();
      assertThat(stickiness.durationSeconds()).isEqualTo(600);
      assertThat(world.tags(office.ruleArn())).containsEntry("team", "checkout");
      Rule regex =
          rules.stream()
              .filter(
                  r ->
                      r.conditions().stream()
                          .anyMatch(
                              c ->
                                  c.field().equals("path-pattern")
                                      && c.pathPatternConfig().hasRegexValues()
                                      && c.pathPatternConfig().regexValues().contains("/v[0-9]+")))
              .findFirst()
              .orElseThrow();
      assertThat(
              regex.conditions().stream()
                  .filter(c -> c.field().equals("http-header"))
                  .flatMap(c -> c.httpHeaderConfig().regexValues().stream())
                  .toList())
          .containsExactly("a.*");
      assertThat(GatewayRig.withPath(rules, "/admin"))
          .as("the refused route has no rule on HTTP")
          .isEmpty();

      List<Rule> secure = world.rules(https.listenerArn());
      assertThat(secure).hasSize(2);
      Rule admin = GatewayRig.withPath(secure, "/admin").orElseThrow();
      assertThat(admin.actions())
          .extracting(Action::typeAsString)
          .containsExactly("authenticate-cognito", "forward");
      assertThat(admin.actions().get(0).authenticateCognitoConfig().userPoolClientId())
          .isEqualTo("client-1");
      Rule account = GatewayRig.withPath(secure, "/account").orElseThrow();
      assertThat(account.actions())
          .extracting(Action::typeAsString)
          .containsExactly("authenticate-oidc", "forward");
      assertThat(account.actions().get(0).authenticateOidcConfig().clientId())
          .isEqualTo("shop-client");
      assertThat(account.actions().get(0).authenticateOidcConfig().issuer())
          .isEqualTo("https://idp.example.com");

      // deleting the Gateway leaves nothing behind
      world.deleteAndAwaitNothingLeft("gw");
      assertThat(world.ourTargetGroups()).isEmpty();
    }
  }
}
