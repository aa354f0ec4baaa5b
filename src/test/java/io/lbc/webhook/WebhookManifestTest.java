package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lbc.rig.Rig;
import io.lbc.webhook.core.AlbTargetControlAgentMutator;
import io.lbc.webhook.core.PodReadinessGateMutator;
import io.lbc.webhook.core.QuicServerIdMutator;
import io.lbc.webhook.core.ServiceMutator;
import io.lbc.webhook.elbv2.IngressClassParamsValidator;
import io.lbc.webhook.elbv2.TargetGroupBindingMutator;
import io.lbc.webhook.elbv2.TargetGroupBindingValidator;
import io.lbc.webhook.networking.IngressValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** manifests/base/webhooks.yaml against compat-spec §3.2 and the handlers' paths. */
class WebhookManifestTest {
  static KubernetesClient parser;
  static List<HasMetadata> items;

  @BeforeAll
  static void load() {
    parser = new KubernetesClientBuilder().build();
    // with the component alb-target-control-agent, which adds the gated webhooks
    items = WebhookRegistration.loadManifest(parser, true);
  }

  @AfterAll
  static void close() {
    parser.close();
  }

  record Hook(
      String path,
      String failurePolicy,
      List<String> operations,
      LabelSelector namespaceSelector,
      LabelSelector objectSelector,
      WebhookClientConfig client,
      String sideEffects,
      List<String> versions,
      Integer timeout) {}

  static Map<String, Hook> hooks() {
    var result = new LinkedHashMap<String, Hook>();
    for (HasMetadata item : items) {
      if (item instanceof MutatingWebhookConfiguration m) {
        assertThat(m.getMetadata().getName()).isEqualTo("aws-load-balancer-webhook");
        for (MutatingWebhook w : m.getWebhooks()) {
          result.put(
              w.getName(),
              new Hook(
                  w.getClientConfig().getService().getPath(),
                  w.getFailurePolicy(),
                  w.getRules().get(0).getOperations(),
                  w.getNamespaceSelector(),
                  w.getObjectSelector(),
                  w.getClientConfig(),
                  w.getSideEffects(),
                  w.getAdmissionReviewVersions(),
                  w.getTimeoutSeconds()));
        }
      } else if (item instanceof ValidatingWebhookConfiguration v) {
        assertThat(v.getMetadata().getName()).isEqualTo("aws-load-balancer-webhook");
        for (ValidatingWebhook w : v.getWebhooks()) {
          result.put(
              w.getName(),
              new Hook(
                  w.getClientConfig().getService().getPath(),
                  w.getFailurePolicy(),
                  w.getRules().get(0).getOperations(),
                  w.getNamespaceSelector(),
                  w.getObjectSelector(),
                  w.getClientConfig(),
                  w.getSideEffects(),
                  w.getAdmissionReviewVersions(),
                  w.getTimeoutSeconds()));
        }
      }
    }
    return result;
  }

  @Test
  void everyHandlerIsRegisteredOnItsPathWithTheReferencesName() {
    Map<String, String> paths =
        hooks().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().path()));

    assertThat(paths)
        .containsOnly(
            Map.entry("mpod.elbv2.k8s.aws", PodReadinessGateMutator.PATH),
            Map.entry("quicid.elbv2.k8s.aws", QuicServerIdMutator.PATH),
            Map.entry(
                "alb-target-control.namespace.elbv2.k8s.aws",
                AlbTargetControlAgentMutator.NAMESPACE_PATH),
            Map.entry(
                "alb-target-control.object.elbv2.k8s.aws",
                AlbTargetControlAgentMutator.OBJECT_PATH),
            Map.entry("mservice.elbv2.k8s.aws", ServiceMutator.PATH),
            Map.entry("mtargetgroupbinding.elbv2.k8s.aws", TargetGroupBindingMutator.PATH),
            Map.entry("vtargetgroupbinding.elbv2.k8s.aws", TargetGroupBindingValidator.PATH),
            Map.entry("vingress.elbv2.k8s.aws", IngressValidator.PATH),
            Map.entry("vingressclassparams.elbv2.k8s.aws", IngressClassParamsValidator.PATH));
  }

  @Test
  void theBaseHasNoAlbTargetControlWebhooksTheComponentAddsThemAfterTheOthers() {
    List<String> base =
        WebhookRegistration.loadManifest(parser).stream()
            .filter(MutatingWebhookConfiguration.class::isInstance)
            .flatMap(m -> ((MutatingWebhookConfiguration) m).getWebhooks().stream())
            .map(MutatingWebhook::getName)
            .toList();
    assertThat(base).noneMatch(name -> name.startsWith("alb-target-control"));
    assertThat(hooks().keySet())
        .containsSubsequence(
            "mtargetgroupbinding.elbv2.k8s.aws",
            "alb-target-control.namespace.elbv2.k8s.aws",
            "alb-target-control.object.elbv2.k8s.aws");
  }

  /** As the reference's: one webhook per way of asking, so that no pod is sent twice. */
  @Test
  void theAgentWebhooksSelectLabelledNamespacesUnlessThePodOptsOutOrLabelledPodsElsewhere() {
    Hook namespace = hooks().get("alb-target-control.namespace.elbv2.k8s.aws");
    assertThat(namespace.operations()).containsExactly("CREATE");
    assertThat(namespace.namespaceSelector().getMatchExpressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo(AlbTargetControlAgentMutator.NAMESPACE_LABEL);
              assertThat(e.getOperator()).isEqualTo("In");
              assertThat(e.getValues()).containsExactly("enabled");
            });
    assertThat(namespace.objectSelector().getMatchExpressions())
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).isEqualTo(AlbTargetControlAgentMutator.POD_LABEL);
              assertThat(e.getOperator()).isEqualTo("NotIn");
              assertThat(e.getValues()).containsExactly("false");
            });
    Hook object = hooks().get("alb-target-control.object.elbv2.k8s.aws");
    assertThat(object.operations()).containsExactly("CREATE");
    assertThat(object.namespaceSelector().getMatchExpressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo(AlbTargetControlAgentMutator.NAMESPACE_LABEL);
              assertThat(e.getOperator()).isEqualTo("DoesNotExist");
            });
    assertThat(object.objectSelector().getMatchExpressions())
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).isEqualTo(AlbTargetControlAgentMutator.POD_LABEL);
              assertThat(e.getOperator()).isEqualTo("In");
              assertThat(e.getValues()).containsExactly("true");
            });
  }

  @Test
  void readinessGatesAndServicesFailOpenEverythingElseFailsClosed() {
    hooks()
        .forEach(
            (name, hook) ->
                assertThat(hook.failurePolicy())
                    .as(name)
                    .isEqualTo(
                        name.startsWith("mpod") || name.startsWith("mservice")
                            ? "Ignore"
                            : "Fail"));
  }

  @Test
  void everyWebhookCallsTheControllerServiceTheSameWay() {
    hooks()
        .forEach(
            (name, hook) -> {
              assertThat(hook.client().getService().getName())
                  .as(name)
                  .isEqualTo("aws-load-balancer-webhook-service");
              assertThat(hook.client().getService().getPort()).isEqualTo(443);
              assertThat(hook.sideEffects()).isEqualTo("None");
              assertThat(hook.versions()).containsExactly("v1");
              assertThat(hook.timeout()).isEqualTo(10);
            });
  }

  @Test
  void mutatorsSkipTheControllerItselfAndPodsOnlyInLabelledNamespaces() {
    Hook pod = hooks().get("mpod.elbv2.k8s.aws");
    assertThat(pod.namespaceSelector().getMatchExpressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo("elbv2.k8s.aws/pod-readiness-gate-inject");
              assertThat(e.getOperator()).isEqualTo("In");
              assertThat(e.getValues()).containsExactly("enabled");
            });
    assertThat(hooks().get("quicid.elbv2.k8s.aws").namespaceSelector().getMatchExpressions())
        .singleElement()
        .satisfies(e -> assertThat(e.getKey()).isEqualTo("elbv2.k8s.aws/quic-server-id-inject"));
    for (String name :
        List.of(
            "mpod.elbv2.k8s.aws",
            "quicid.elbv2.k8s.aws",
            "mservice.elbv2.k8s.aws",
            "alb-target-control.namespace.elbv2.k8s.aws",
            "alb-target-control.object.elbv2.k8s.aws")) {
      assertThat(hooks().get(name).objectSelector().getMatchExpressions())
          .as(name)
          .anySatisfy(
              e -> {
                assertThat(e.getKey()).isEqualTo("app.kubernetes.io/name");
                assertThat(e.getOperator()).isEqualTo("NotIn");
                assertThat(e.getValues()).containsExactly("aws-load-balancer-controller");
              });
    }
    assertThat(hooks().get("mservice.elbv2.k8s.aws").namespaceSelector().getMatchExpressions())
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
              assertThat(e.getOperator()).isEqualTo("NotIn");
              assertThat(e.getValues()).containsExactly("aws-load-balancer-controller");
            });
  }

  @Test
  void theServiceItCallsExistsInTheBaseAndRoutesToTheWebhookPort() throws Exception {
    Path base = Rig.repoRoot().resolve("manifests/base");
    assertThat(Files.readString(base.resolve("kustomization.yaml"))).contains("- webhooks.yaml");
    Namespace namespace = (Namespace) load(base.resolve("namespace.yaml")).get(0);
    Service service =
        load(base.resolve("services.yaml")).stream()
            .filter(i -> i.getMetadata().getName().equals("aws-load-balancer-webhook-service"))
            .map(Service.class::cast)
            .findFirst()
            .orElseThrow();
    Deployment deployment = (Deployment) load(base.resolve("deployment.yaml")).get(0);
    ContainerPort webhookPort =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
            .filter(
                p ->
                    p.getName()
                        .equals(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()))
            .findFirst()
            .orElseThrow();

    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(443);
    assertThat(webhookPort.getContainerPort()).isEqualTo(9443);
    hooks()
        .forEach(
            (name, hook) ->
                assertThat(hook.client().getService().getNamespace())
                    .as(name)
                    .isEqualTo(namespace.getMetadata().getName()));
    assertThat(hooks().get("mservice.elbv2.k8s.aws").namespaceSelector().getMatchExpressions())
        .anySatisfy(e -> assertThat(e.getValues()).contains(namespace.getMetadata().getName()));
  }

  private static List<HasMetadata> load(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return parser.load(in).items();
    }
  }
}
