package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.TrustStoreFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Issue 10's last "Done when": a stack with every add-on on at once (OIDC authentication on one
 * rule, JWT validation on another path, mutual TLS verify with a trust store by name, WAFv2 by
 * name, WAF Classic regional, Shield Advanced) converges, and a no-op reconcile of it, forced by an
 * annotation edit that changes nothing in AWS and then by a controller restart with empty caches,
 * makes zero AWS writes, as the controller's call counter says.
 */
@RigTest
class IngressAllAddOnsNoOpIT {
  private static final Logger log = LoggerFactory.getLogger(IngressAllAddOnsNoOpIT.class);
  private static final String PREFIX = "alb.ingress.kubernetes.io/";
  private static final String OIDC =
      "{\"issuer\":\"https://idp.example.com\",\"authorizationEndpoint\":\"https://idp.example.com/authorize\","
          + "\"tokenEndpoint\":\"https://idp.example.com/token\",\"userInfoEndpoint\":\"https://idp.example.com/userinfo\","
          + "\"secretName\":\"oidc-client\"}";
  private static final String JWT =
      "{\"jwksEndpoint\":\"https://issuer.example.com/jwks\",\"issuer\":\"https://issuer.example.com\"}";

  private IngressRig it;
  private AwsTestClients aws;
  private String certificate;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.aws = aws;
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
    it.nodePortService("api", Map.of());
  }

  @AfterEach
  void stop() {
    it.close();
  }

  /** A member of the group {@code all-addons}, HTTPS only, on host shop.example.com. */
  private void member(String name, String path, String service, String annotations) {
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: NAME
          annotations:
            alb.ingress.kubernetes.io/group.name: all-addons
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
            alb.ingress.kubernetes.io/certificate-arn: CERT
        ANNOTATIONS
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
              http:
                paths:
                  - {path: PATH, pathType: Prefix, backend: {service: {name: SERVICE, port: {name: http}}}}
        """
            .replace("NAME", name)
            .replace("PATH", path)
            .replace("SERVICE", service)
            .replace("CERT", certificate)
            .replace("ANNOTATIONS", annotations.indent(4).stripTrailing()));
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The rule on 443 with the path pattern ({@code /} Prefix reads {@code /*}). */
  private Rule ruleFor(String pathPattern) {
    List<Rule> rules = it.alb.rules(it.alb.onlyListener(443).listenerArn());
    return rules.stream()
        .filter(r -> AlbReadback.view(r).paths().contains(pathPattern))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no rule for "
                        + pathPattern
                        + " on 443 in "
                        + rules.stream().map(AlbReadback::view).toList()));
  }

  private static List<String> types(Rule rule) {
    return rule.actions().stream().map(Action::typeAsString).toList();
  }

  @Test
  void everyAddOnOnConvergesAndANoOpReconcileOrARestartWritesNothing() {
    certificate = AwsFixtures.importCertificate(aws.acm(), "shop.example.com");
    String trustStore = TrustStoreFixtures.trustStore(aws, "all-addons-ca");
    String v2 = AwsFixtures.wafv2WebAcl(aws.wafv2(), "all-addons-v2");
    String classic = AwsFixtures.wafRegionalWebAcl(aws.wafRegional(), "all-addons-classic");
    aws.shield().createSubscription(r -> {});
    it.kube
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(it.ns)
                .withName("oidc-client")
                .endMetadata()
                .addToData("clientID", base64("client-1"))
                .addToData("clientSecret", base64("s3cret"))
                .build())
        .create();

    member(
        "shop",
        "/",
        "web",
        String.join(
            "\n",
            PREFIX + "auth-type: oidc",
            PREFIX + "auth-idp-oidc: '" + OIDC + "'",
            PREFIX
                + "mutual-authentication: '[{\"port\": 443, \"mode\": \"verify\","
                + " \"trustStore\": \"all-addons-ca\"}]'",
            PREFIX + "wafv2-acl-name: all-addons-v2",
            PREFIX + "waf-acl-id: " + classic,
            PREFIX + "shield-advanced-protection: \"true\""));
    member("api", "/api", "api", PREFIX + "jwt-validation: '" + JWT + "'");
    it.awaitHostnames("shop", "api");
    String lb = it.alb.onlyLoadBalancer().loadBalancerArn();
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () ->
                it.alb.wafv2WebAclOf(lb).equals(Optional.of(v2))
                    && it.alb.wafRegionalWebAclOf(lb).equals(Optional.of(classic))
                    && it.alb.shieldProtectionOf(lb).isPresent());
    it.awaitSettled();

    // the converged state, read back with the SDK
    Rule shop = ruleFor("/*");
    assertThat(types(shop)).containsExactly("authenticate-oidc", "forward");
    assertThat(shop.actions().get(0).authenticateOidcConfig().clientId()).isEqualTo("client-1");
    assertThat(shop.actions().get(0).authenticateOidcConfig().issuer())
        .isEqualTo("https://idp.example.com");
    Rule api = ruleFor("/api/*");
    assertThat(types(api)).containsExactly("jwt-validation", "forward");
    assertThat(api.actions().get(0).jwtValidationConfig().jwksEndpoint())
        .isEqualTo("https://issuer.example.com/jwks");
    var mutualTls = it.alb.onlyListener(443).mutualAuthentication();
    assertThat(mutualTls).isNotNull();
    assertThat(mutualTls.mode()).isEqualTo("verify");
    assertThat(mutualTls.trustStoreArn()).isEqualTo(trustStore);
    assertThat(it.alb.wafv2WebAclOf(lb)).contains(v2);
    assertThat(it.alb.wafRegionalWebAclOf(lb)).contains(classic);
    assertThat(it.alb.shieldProtectionOf(lb)).isPresent();

    // a no-op reconcile forced by an annotation that does not touch AWS
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var before = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.annotate("api", "example.com/owner", "team-b");
    it.awaitReconcileAfter(calls);
    log.info(
        "measured no-op reconcile with every add-on on: {} AWS calls, {} writes: {}",
        it.controller().awsCallsTotal() - calls,
        it.controller().awsWrites() - writes,
        it.callsSince(before));
    assertThat(it.controller().awsWrites())
        .as("writes in the no-op reconcile: %s", it.callsSince(before))
        .isEqualTo(writes);

    // a restarted controller, with empty caches, takes the stack over without writing
    var restarted = it.restartWithoutCheckpoints(() -> {});
    await().atMost(IngressRig.CONVERGED).until(() -> restarted.awsCallsTotal() > 0);
    it.awaitSettled(Duration.ofSeconds(5));
    log.info(
        "measured restart with every add-on on: {} AWS calls, {} writes: {}",
        restarted.awsCallsTotal(),
        restarted.awsWrites(),
        restarted.awsCallsByOperation());
    assertThat(restarted.awsWrites())
        .as("writes after the restart: %s", restarted.awsCallsByOperation())
        .isZero();

    // and the state is still what was asked for
    assertThat(types(ruleFor("/*"))).containsExactly("authenticate-oidc", "forward");
    assertThat(types(ruleFor("/api/*"))).containsExactly("jwt-validation", "forward");
    assertThat(it.alb.onlyListener(443).mutualAuthentication().trustStoreArn())
        .isEqualTo(trustStore);
    assertThat(it.alb.wafv2WebAclOf(lb)).contains(v2);
    assertThat(it.alb.wafRegionalWebAclOf(lb)).contains(classic);
    assertThat(it.alb.shieldProtectionOf(lb)).isPresent();
  }
}
