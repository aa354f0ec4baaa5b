package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.plan.IngressPlanner;
import io.lbc.plan.Manifests;
import io.lbc.webhook.Denial;
import io.lbc.webhook.FakeLookups;
import io.lbc.webhook.Requests;
import io.lbc.webhook.networking.IngressValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 #6: the Ingress webhook refuses what the model builder refuses, with the same message.
 * Each case is one Ingress that the builder leaves out; the webhook must deny its creation with the
 * builder's exclusion message.
 */
class WebhookParityTest {
  private static final Path VANILLA = GoldenFiles.root("ingress").resolve("vanilla-internal");
  private static final String HEAD =
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: alb}
      spec: {controller: ingress.k8s.aws/alb}
      ---
      apiVersion: v1
      kind: Service
      metadata: {namespace: ns, name: svc}
      spec:
        type: NodePort
        ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        namespace: ns
        name: web
        annotations:
          ANNOTATION
      spec:
        ingressClassName: alb
        rules:
          - host: web.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service: {name: svc, port: {name: http}}
      """;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alb.ingress.kubernetes.io/conditions.svc:"
            + " '[{\"field\":\"path-pattern\",\"pathPatternConfig\":{\"regexValues\":[\"[a-z\"]}}]'",
        "alb.ingress.kubernetes.io/conditions.svc:"
            + " '[{\"field\":\"host-header\",\"hostHeaderConfig\":{\"regexValues\":[\"(a\"]}}]'",
        "alb.ingress.kubernetes.io/conditions.svc:"
            + " '[{\"field\":\"source-ip\",\"sourceIpConfig\":{\"values\":[\"10.0.0.300/8\"]}}]'",
        "alb.ingress.kubernetes.io/conditions.svc: '[{\"field\":\"cookie\"}]'",
      })
  void theWebhookDeniesWhatTheBuilderLeavesOutWithTheSameMessage(String annotation) {
    var manifests = Manifests.parse(HEAD.replace("ANNOTATION", annotation));
    var view = new ManifestClusterView(manifests);
    AwsSnapshot aws = GoldenFiles.aws(VANILLA);
    IngressPlanner.GroupOutcome outcome =
        AlbStackGoldenTestAccess.planner(VANILLA, aws, List.of()).build(view).get(0);
    List<ExcludedMember> excluded = outcome.result().orElseThrow().excluded();
    assertThat(excluded).as("the builder leaves the Ingress out").hasSize(1);

    var lookups = new FakeLookups();
    lookups.ingressClasses.addAll(
        manifests.stream()
            .filter(IngressClass.class::isInstance)
            .map(IngressClass.class::cast)
            .toList());
    Ingress ingress = excluded.get(0).ingress();
    Denial denial =
        catchThrowableOfType(
            Denial.class,
            () -> new IngressValidator(lookups, "alb").admit(Requests.create(ingress)));

    assertThat(denial).as("the webhook denies it").isNotNull();
    assertThat(denial.getMessage()).isEqualTo(excluded.get(0).error().getMessage());
  }
}
