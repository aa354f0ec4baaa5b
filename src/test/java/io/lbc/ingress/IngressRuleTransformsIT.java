package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;

/**
 * {@code transforms.<name>}, {@code use-regex-path-match} and {@code regexValues} conditions
 * (compat-spec §1.3 #28–#30) against moto and the real API server: the rules in AWS carry the
 * rewrites and regex conditions, a reconcile with nothing changed writes nothing, and removing the
 * transforms annotation removes them from the rule in place.
 */
@RigTest
class IngressRuleTransformsIT {
  private static final String TRANSFORMS =
      "[{\"type\":\"url-rewrite\",\"urlRewriteConfig\":{\"rewrites\":[{\"regex\":\"^/api/v1/(.*)$\","
          + "\"replace\":\"/$1\"}]}},{\"type\":\"host-header-rewrite\",\"hostHeaderRewriteConfig\":"
          + "{\"rewrites\":[{\"regex\":\"^shop\\\\.example\\\\.com$\",\"replace\":\"shop.internal\"}]}}]";

  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("api", Map.of());
    it.nodePortService("web", Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: shop
          annotations:
            alb.ingress.kubernetes.io/use-regex-path-match: "true"
            alb.ingress.kubernetes.io/transforms.api: '%2$s'
            alb.ingress.kubernetes.io/conditions.web: >
              [{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"User-Agent","regexValues":[".*Mobile.*"]}},
               {"field":"host-header","hostHeaderConfig":{"regexValues":["^(www|m)\\\\.example\\\\.org$"]}}]
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
              http:
                paths:
                  - {path: '/api/v1/(users|orders)/[0-9]+$', pathType: ImplementationSpecific, backend: {service: {name: api, port: {name: http}}}}
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """
            .replace("%2$s", TRANSFORMS));
    it.awaitHostname("shop");
    it.awaitSettled();
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private List<Rule> rules() {
    return it.alb.rules(it.alb.onlyListener(80).listenerArn());
  }

  @Test
  void rulesCarryRewritesAndRegexConditionsAndANoOpWritesNothing() {
    List<Rule> rules = rules();
    assertThat(rules).hasSize(2);
    Rule api = rules.get(0);
    assertThat(api.transforms())
        .extracting(RuleTransform::typeAsString)
        .containsExactly("url-rewrite", "host-header-rewrite");
    assertThat(api.transforms().get(0).urlRewriteConfig().rewrites().get(0).regex())
        .isEqualTo("^/api/v1/(.*)$");
    assertThat(api.transforms().get(1).hostHeaderRewriteConfig().rewrites().get(0).replace())
        .isEqualTo("shop.internal");
    assertThat(api.conditions())
        .filteredOn(c -> c.field().equals("path-pattern"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.pathPatternConfig().regexValues())
                    .containsExactly("api/v1/(users|orders)/[0-9]+$"));
    Rule web = rules.get(1);
    assertThat(web.transforms()).isEmpty();
    assertThat(web.conditions())
        .filteredOn(c -> c.field().equals("http-header"))
        .singleElement()
        .satisfies(
            c -> assertThat(c.httpHeaderConfig().regexValues()).containsExactly(".*Mobile.*"));
    assertThat(web.conditions())
        .filteredOn(c -> c.field().equals("host-header"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.hostHeaderConfig().regexValues())
                    .containsExactly("^(www|m)\\.example\\.org$"));

    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var before = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    assertThat(it.controller().awsWrites())
        .as("writes of a no-op reconcile: %s", it.callsSince(before))
        .isEqualTo(writes);
  }

  @Test
  void removingTheTransformsAnnotationRemovesThemInPlace() {
    String apiRule = rules().get(0).ruleArn();
    it.edit(
        "shop",
        ing -> {
          ing.getMetadata().getAnnotations().remove("alb.ingress.kubernetes.io/transforms.api");
          return ing;
        });
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(rules().get(0).transforms()).isEmpty());
    assertThat(rules().get(0).ruleArn()).as("modified, not replaced").isEqualTo(apiRule);
  }
}
