package io.lbc.webhook;

import static io.lbc.webhook.ItObjects.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.IngressClassParamsSpec;
import io.lbc.rig.Crds;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ingress and IngressClassParams validators through the real apiserver. They make no AWS calls,
 * so the handlers get no ELBv2 at all.
 */
@RigTest
class IngressWebhookIT {
  static final String BAD_CONDITIONS = "[{\"field\":\"host-header\",\"hostHeaderConfig\":{}}]";

  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<Runnable> cleanups = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    cleanups.forEach(Runnable::run);
  }

  static Ingress ingress(
      String ns, String name, String className, Map<String, String> annotations) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withIngressClassName(className)
        .withNewDefaultBackend()
        .withNewService()
        .withName("web")
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endDefaultBackend()
        .endSpec()
        .build();
  }

  static IngressClassParams params(
      String name, Map<String, String> namespaceLabels, List<String> cidrs) {
    var params = new IngressClassParams();
    params.setMetadata(new ObjectMetaBuilder().withName(name).build());
    params.setSpec(new IngressClassParamsSpec());
    if (namespaceLabels != null) {
      params.getSpec().namespaceSelector =
          new LabelSelectorBuilder().withMatchLabels(namespaceLabels).build();
    }
    params.getSpec().inboundCIDRs = cidrs;
    return params;
  }

  <T extends io.fabric8.kubernetes.api.model.HasMetadata> T createClusterScoped(
      KubernetesClient kube, T object) {
    T created = kube.resource(object).create();
    cleanups.add(() -> kube.resource(created).delete());
    return created;
  }

  @Test
  void refusesBadConditionsAndClassesThisNamespaceMayNotUseAndHostBitsInParams(
      KubernetesClient kube, TestNamespace namespace) {
    Crds.apply(kube);
    String ns = namespace.name();
    String suffix = ns.substring(ns.lastIndexOf('-') + 1);
    var settings = new Webhooks.Settings("alb", "service.k8s.aws/nlb", "vpc-00000001", true, false);

    try (var webhooks = InProcessWebhooks.start(kube, null, registry, dir, ns, settings)) {
      var badConditions =
          ingress(
              ns,
              "bad",
              null,
              Map.of(
                  "kubernetes.io/ingress.class",
                  "alb",
                  "alb.ingress.kubernetes.io/conditions.web",
                  BAD_CONDITIONS));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> refusal(() -> kube.resource(badConditions).dryRun().create()) != null);

      assertThat(refusal(() -> kube.resource(badConditions).create()))
          .contains(
              "admission webhook \"vingress.elbv2.k8s.aws\" denied the request:"
                  + " alb.ingress.kubernetes.io/conditions.web: condition 0: invalid"
                  + " hostHeaderConfig: values or regexValues must be specified");
      assertThat(
              refusal(
                  () ->
                      kube.resource(
                              ingress(
                                  ns,
                                  "nginx",
                                  null,
                                  Map.of(
                                      "kubernetes.io/ingress.class",
                                      "nginx",
                                      "alb.ingress.kubernetes.io/conditions.web",
                                      BAD_CONDITIONS)))
                          .create()))
          .as("another controller's Ingress is not ours to judge")
          .isNull();

      // An IngressClass whose params admit only other namespaces.
      createClusterScoped(kube, params("others-" + suffix, Map.of("team", "other"), null));
      createClusterScoped(kube, ingressClass("alb-others-" + suffix, "others-" + suffix));
      createClusterScoped(
          kube, params("mine-" + suffix, Map.of("kubernetes.io/metadata.name", ns), null));
      createClusterScoped(kube, ingressClass("alb-mine-" + suffix, "mine-" + suffix));

      assertThat(
              refusal(
                  () ->
                      kube.resource(ingress(ns, "others", "alb-others-" + suffix, Map.of()))
                          .create()))
          .contains(
              "spec.ingressClassName: invalid ingress class: namespaceSelector of"
                  + " IngressClassParams others-"
                  + suffix
                  + " mismatch");
      assertThat(
              refusal(
                  () ->
                      kube.resource(ingress(ns, "mine", "alb-mine-" + suffix, Map.of())).create()))
          .isNull();

      String hostBits =
          refusal(
              () ->
                  createClusterScoped(
                      kube,
                      params("host-bits-" + suffix, null, List.of("10.0.0.0/16", "10.0.0.1/24"))));
      assertThat(hostBits)
          .contains(
              "admission webhook \"vingressclassparams.elbv2.k8s.aws\" denied the request:"
                  + " spec.inboundCIDRs[1]: Invalid value: \"10.0.0.1/24\": Network contains bits"
                  + " outside prefix (did you mean \"10.0.0.0/24\")");
      assertThat(
              refusal(
                  () ->
                      createClusterScoped(
                          kube, params("cidrs-" + suffix, null, List.of("10.0.0.0/24")))))
          .isNull();
    }
  }

  @Test
  void theDisableAnnotationFlagsRefuseNewUsesAndKeepExistingOnes(
      KubernetesClient kube, TestNamespace namespace) {
    Crds.apply(kube);
    String ns = namespace.name();
    String suffix = ns.substring(ns.lastIndexOf('-') + 1);
    String className = "alb-plain-" + suffix;
    createClusterScoped(
        kube,
        new IngressClassBuilder()
            .withNewMetadata()
            .withName(className)
            .endMetadata()
            .withNewSpec()
            .withController("ingress.k8s.aws/alb")
            .endSpec()
            .build());
    // in use before the flags were turned on
    kube.resource(
            ingress(
                ns,
                "legacy",
                null,
                Map.of(
                    "kubernetes.io/ingress.class", "alb",
                    "alb.ingress.kubernetes.io/group.name", "shop")))
        .create();
    var settings =
        new Webhooks.Settings(
            "alb",
            "service.k8s.aws/nlb",
            "vpc-00000001",
            true,
            false,
            new io.lbc.webhook.networking.LegacyAnnotationBans(true, true));

    try (var webhooks = InProcessWebhooks.start(kube, null, registry, dir, ns, settings)) {
      var annotated = ingress(ns, "new", null, Map.of("kubernetes.io/ingress.class", "alb"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> refusal(() -> kube.resource(annotated).dryRun().create()) != null);

      assertThat(refusal(() -> kube.resource(annotated).create()))
          .contains(
              "kubernetes.io/ingress.class: new usage of the annotation is forbidden by"
                  + " --disable-ingress-class-annotation; set spec.ingressClassName instead");
      assertThat(
              refusal(
                  () ->
                      kube.resource(
                              ingress(
                                  ns,
                                  "grouped",
                                  className,
                                  Map.of("alb.ingress.kubernetes.io/group.name", "shop")))
                          .create()))
          .contains(
              "alb.ingress.kubernetes.io/group.name: new usage of the annotation is forbidden by"
                  + " --disable-ingress-group-name-annotation");
      assertThat(refusal(() -> kube.resource(ingress(ns, "plain", className, Map.of())).create()))
          .as("an Ingress using spec.ingressClassName and no group.name")
          .isNull();

      var legacy = kube.network().v1().ingresses().inNamespace(ns).withName("legacy");
      assertThat(
              refusal(
                  () ->
                      legacy.edit(
                          i -> {
                            i.getMetadata().getAnnotations().put("team", "shop");
                            return i;
                          })))
          .as("an Ingress already using both annotations may keep them")
          .isNull();
      assertThat(
              refusal(
                  () ->
                      legacy.edit(
                          i -> {
                            i.getMetadata()
                                .getAnnotations()
                                .put("alb.ingress.kubernetes.io/group.name", "other");
                            return i;
                          })))
          .contains(
              "alb.ingress.kubernetes.io/group.name: a new value of the annotation is forbidden");
      assertThat(
              refusal(
                  () ->
                      kube.resource(
                              ingress(
                                  ns,
                                  "nginx",
                                  null,
                                  Map.of(
                                      "kubernetes.io/ingress.class", "nginx",
                                      "alb.ingress.kubernetes.io/group.name", "shop")))
                          .create()))
          .as("another controller's Ingress is not ours to judge")
          .isNull();
    }
  }

  static IngressClass ingressClass(String name, String params) {
    return new IngressClassBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withController("ingress.k8s.aws/alb")
        .withNewParameters()
        .withApiGroup("elbv2.k8s.aws")
        .withKind("IngressClassParams")
        .withName(params)
        .endParameters()
        .endSpec()
        .build();
  }
}
