package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Edits;
import io.lbc.rig.MotoModels;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Authentication and JWT validation end to end: the actions read back from AWS, the OIDC client
 * secret as the emulator holds it (AWS never returns it), a Secret's rotation and deletion, and a
 * no-op reconcile that writes nothing although AWS hides the secret.
 */
@RigTest
class IngressAuthIT {
  private static final Logger log = LoggerFactory.getLogger(IngressAuthIT.class);
  private static final String OIDC =
      "{\"issuer\":\"https://idp.example.com\",\"authorizationEndpoint\":\"https://idp.example.com/authorize\","
          + "\"tokenEndpoint\":\"https://idp.example.com/token\",\"userInfoEndpoint\":\"https://idp.example.com/userinfo\","
          + "\"secretName\":\"oidc-client\"}";

  private IngressRig it;
  private Rig rig;
  private String certificate;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    it = IngressRig.start(rig, kube, aws, namespace);
    certificate = AwsFixtures.importCertificate(aws.acm(), "www.example.com");
    it.nodePortService("web", Map.of());
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private void member(String name, String host, String annotations) {
    member(name, host, annotations, "");
  }

  private void member(String name, String host, String annotations, String defaultBackend) {
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: NAME
          annotations:
            alb.ingress.kubernetes.io/group.name: shop-auth
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/certificate-arn: CERT
        ANNOTATIONS
        spec:
          ingressClassName: alb
          DEFAULT
          rules:
            - host: HOST
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """
            .replace("DEFAULT", defaultBackend)
            .replace("NAME", name)
            .replace("HOST", host)
            .replace("CERT", certificate)
            .replace("ANNOTATIONS", annotations.indent(4).stripTrailing()));
  }

  private Secret secret(String clientSecret) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(it.ns)
        .withName("oidc-client")
        .endMetadata()
        .addToData("clientID", base64("client-1"))
        .addToData("clientSecret", base64(clientSecret + "\n"))
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private List<Rule> rules(int port) {
    return it.alb.rules(it.alb.onlyListener(port).listenerArn());
  }

  private static List<String> types(Rule rule) {
    return rule.actions().stream().map(Action::typeAsString).toList();
  }

  private Rule ruleFor(int port, String host) {
    return rules(port).stream()
        .filter(r -> AlbReadback.view(r).hosts().contains(host))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule for " + host + " on " + port));
  }

  @Test
  void oidcAuthenticatesFirstOnHttpsFollowsSecretRotationAndDeletionAndNoOpWritesNothing() {
    it.kube.resource(secret("s3cret")).create();
    member(
        "shop",
        "shop.example.com",
        "alb.ingress.kubernetes.io/auth-type: oidc\nalb.ingress.kubernetes.io/auth-idp-oidc: '"
            + OIDC
            + "'",
        "defaultBackend: {service: {name: web, port: {name: http}}}");
    member("blog", "blog.example.com", "");
    it.awaitHostnames("shop", "blog");
    it.awaitSettled();

    Rule shop = ruleFor(443, "shop.example.com");
    assertThat(types(shop)).containsExactly("authenticate-oidc", "forward");
    var oidc = shop.actions().get(0).authenticateOidcConfig();
    assertThat(oidc.issuer()).isEqualTo("https://idp.example.com");
    assertThat(oidc.clientId()).isEqualTo("client-1");
    assertThat(oidc.clientSecret()).as("AWS never returns the secret").isNull();
    assertThat(oidc.scope()).isEqualTo("openid");
    assertThat(oidc.sessionCookieName()).isEqualTo("AWSELBAuthSessionCookie");
    assertThat(oidc.sessionTimeout()).isEqualTo(604800L);
    assertThat(oidc.onUnauthenticatedRequestAsString()).isEqualTo("authenticate");
    assertThat(MotoModels.oidcClientSecret(rig, "FakeListenerRule", shop.ruleArn()))
        .as("the secret the rule holds, without the Secret's trailing newline")
        .contains("s3cret");
    assertThat(types(ruleFor(80, "shop.example.com")))
        .as("the HTTP listener does not authenticate, as in the reference")
        .containsExactly("forward");
    assertThat(it.events("shop", "AuthenticationOnHttpsOnly"))
        .as("but not silently")
        .anySatisfy(e -> assertThat(e.getMessage()).contains("HTTP port 80 forwards"));
    assertThat(it.events("blog", "AuthenticationOnHttpsOnly")).isEmpty();
    assertThat(types(ruleFor(443, "blog.example.com"))).containsExactly("forward");
    String httpsListener = it.alb.onlyListener(443).listenerArn();
    assertThat(
            it.alb.onlyListener(443).defaultActions().stream().map(Action::typeAsString).toList())
        .as("shop's default backend authenticates too")
        .containsExactly("authenticate-oidc", "forward");
    assertThat(MotoModels.oidcClientSecret(rig, "FakeListener", httpsListener)).contains("s3cret");

    // a no-op reconcile with authentication on writes nothing, although AWS hides the secret
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var byOperation = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    log.info("measured no-op reconcile with OIDC: {}", it.callsSince(byOperation));
    assertThat(it.controller().awsWrites()).isEqualTo(writes);

    // nor does a restarted controller: the rule's tag tells which secret version it holds
    var restarted = it.restartController();
    it.awaitReconcileAfter(0);
    log.info("measured restart with OIDC: {}", restarted.awsCallsByOperation());
    assertThat(restarted.awsWrites()).isZero();

    // rotation: the rule holds the new secret within seconds
    long modifies = it.controller().awsCalls("ModifyRule");
    long rotated = System.nanoTime();
    Edits.edit(
        it.kube.secrets().inNamespace(it.ns).withName("oidc-client"),
        s -> {
          s.getData().put("clientSecret", base64("r0tated"));
          return s;
        });
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> it.controller().awsCalls("ModifyRule") > modifies);
    log.info(
        "measured secret rotation to ModifyRule: {} ms", (System.nanoTime() - rotated) / 1_000_000);
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () -> MotoModels.oidcClientSecret(rig, "FakeListenerRule", shop.ruleArn()),
            s -> s.equals(java.util.Optional.of("r0tated")));
    assertThat(ruleFor(443, "shop.example.com").ruleArn())
        .as("modified in place")
        .isEqualTo(shop.ruleArn());
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () -> MotoModels.oidcClientSecret(rig, "FakeListener", httpsListener),
            s -> s.equals(java.util.Optional.of("r0tated")));
    it.awaitSettled();

    // deletion: the member is left out with a Warning naming the Secret, the others stay
    it.kube.secrets().inNamespace(it.ns).withName("oidc-client").delete();
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(rules(443))
                    .extracting(r -> AlbReadback.view(r).hosts())
                    .containsExactly(List.of("blog.example.com")));
    assertThat(rules(80))
        .extracting(r -> AlbReadback.view(r).hosts())
        .containsExactly(List.of("blog.example.com"));
    assertThat(
            it.alb.onlyListener(443).defaultActions().stream().map(Action::typeAsString).toList())
        .as("shop's default backend went with it")
        .containsExactly("fixed-response");
    assertThat(it.events("shop", "FailedBuildModel"))
        .anySatisfy(
            e ->
                assertThat(e.getMessage())
                    .contains("alb.ingress.kubernetes.io/auth-idp-oidc")
                    .contains("Secret " + it.ns + "/oidc-client does not exist"));

    // the Secret back: the member is back, authenticated
    it.kube.resource(secret("again")).create();
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(types(ruleFor(443, "shop.example.com")))
                    .startsWith("authenticate-oidc"));
  }

  @Test
  void cognitoAuthenticatesWithTheServicesAnnotationsWinning() {
    it.nodePortService(
        "admin",
        Map.of(
            "alb.ingress.kubernetes.io/auth-on-unauthenticated-request", "deny",
            "alb.ingress.kubernetes.io/auth-scope", "openid profile"));
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: pool
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
            alb.ingress.kubernetes.io/certificate-arn: CERT
            alb.ingress.kubernetes.io/auth-type: cognito
            alb.ingress.kubernetes.io/auth-idp-cognito: '{"userPoolARN":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc","userPoolClientID":"pool-client","userPoolDomain":"my-domain"}'
            alb.ingress.kubernetes.io/auth-session-timeout: "3600"
        spec:
          ingressClassName: alb
          rules:
            - host: www.example.com
              http:
                paths:
                  - {path: /admin, pathType: Prefix, backend: {service: {name: admin, port: {name: http}}}}
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """
            .replace("CERT", certificate));
    it.awaitHostname("pool");

    List<Rule> rules = rules(443);
    assertThat(rules).hasSize(2);
    for (Rule rule : rules) {
      assertThat(types(rule)).containsExactly("authenticate-cognito", "forward");
      var cognito = rule.actions().get(0).authenticateCognitoConfig();
      assertThat(cognito.userPoolArn())
          .isEqualTo("arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc");
      assertThat(cognito.userPoolClientId()).isEqualTo("pool-client");
      assertThat(cognito.userPoolDomain()).isEqualTo("my-domain");
      assertThat(cognito.sessionTimeout()).isEqualTo(3600L);
      assertThat(cognito.sessionCookieName()).isEqualTo("AWSELBAuthSessionCookie");
    }
    var admin = rules.get(0).actions().get(0).authenticateCognitoConfig();
    assertThat(AlbReadback.view(rules.get(0)).paths()).contains("/admin");
    assertThat(admin.onUnauthenticatedRequestAsString()).isEqualTo("deny");
    assertThat(admin.scope()).isEqualTo("openid profile");
    var web = rules.get(1).actions().get(0).authenticateCognitoConfig();
    assertThat(web.onUnauthenticatedRequestAsString()).isEqualTo("authenticate");
    assertThat(web.scope()).isEqualTo("openid");
  }

  @Test
  void jwtValidationGoesBeforeTheForwardOnHttpsOnly() {
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: api
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/certificate-arn: CERT
            alb.ingress.kubernetes.io/jwt-validation: '{"jwksEndpoint":"https://issuer.example.com/jwks","issuer":"https://issuer.example.com","additionalClaims":[{"name":"groups","format":"string-array","values":["admins"]}]}'
        spec:
          ingressClassName: alb
          rules:
            - host: www.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """
            .replace("CERT", certificate));
    it.awaitHostname("api");
    it.awaitSettled();

    Rule https = rules(443).get(0);
    assertThat(types(https)).containsExactly("jwt-validation", "forward");
    var jwt = https.actions().get(0).jwtValidationConfig();
    assertThat(jwt.jwksEndpoint()).isEqualTo("https://issuer.example.com/jwks");
    assertThat(jwt.issuer()).isEqualTo("https://issuer.example.com");
    assertThat(jwt.additionalClaims()).hasSize(1);
    assertThat(jwt.additionalClaims().get(0).name()).isEqualTo("groups");
    assertThat(jwt.additionalClaims().get(0).formatAsString()).isEqualTo("string-array");
    assertThat(jwt.additionalClaims().get(0).values()).containsExactly("admins");
    assertThat(types(rules(80).get(0))).containsExactly("forward");

    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    it.annotate("api", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    assertThat(it.controller().awsWrites()).as("a no-op with JWT validation").isEqualTo(writes);
  }
}
