package io.lbc.webhook.networking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.IngressClassParamsSpec;
import io.lbc.webhook.Denial;
import io.lbc.webhook.FakeLookups;
import io.lbc.webhook.Requests;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngressValidatorTest {
  static final String BAD_CONDITIONS = "[{\"field\":\"host-header\",\"hostHeaderConfig\":{}}]";

  final FakeLookups cluster = new FakeLookups().namespace("team-a", Map.of("team", "a"));
  final IngressValidator validator = new IngressValidator(cluster, "alb");

  static Ingress ingress(String className, Map<String, String> annotations) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace("team-a")
        .withName("web")
        .withAnnotations(new HashMap<>(annotations))
        .endMetadata()
        .withNewSpec()
        .withIngressClassName(className)
        .endSpec()
        .build();
  }

  static IngressClass ingressClass(String name, String controller, String params) {
    var builder =
        new IngressClassBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withController(controller);
    if (params != null) {
      builder
          .withNewParameters()
          .withApiGroup("elbv2.k8s.aws")
          .withKind("IngressClassParams")
          .withName(params)
          .endParameters();
    }
    return builder.endSpec().build();
  }

  void addParams(String name, String selectedTeam) {
    var params = new IngressClassParams();
    params.setMetadata(new ObjectMetaBuilder().withName(name).build());
    params.setSpec(new IngressClassParamsSpec());
    params.getSpec().namespaceSelector =
        new LabelSelectorBuilder().withMatchLabels(Map.of("team", selectedTeam)).build();
    cluster.params.add(params);
  }

  String denial(Ingress ingress) {
    Denial denial =
        catchThrowableOfType(Denial.class, () -> validator.admit(Requests.create(ingress)));
    assertThat(denial).as("denied").isNotNull();
    return denial.getMessage();
  }

  boolean allowed(Ingress ingress) {
    try {
      return validator.admit(Requests.create(ingress)).allowed();
    } catch (Denial denied) {
      return false;
    }
  }

  @Test
  void refusesMalformedConditionsOnOurIngressesNamingTheAnnotation() {
    assertThat(
            denial(
                ingress(
                    null,
                    Map.of(
                        "kubernetes.io/ingress.class",
                        "alb",
                        "alb.ingress.kubernetes.io/conditions.web",
                        BAD_CONDITIONS))))
        .isEqualTo(
            "alb.ingress.kubernetes.io/conditions.web: condition 0: invalid hostHeaderConfig:"
                + " values or regexValues must be specified");
    assertThat(
            denial(
                ingress(
                    null,
                    Map.of(
                        "kubernetes.io/ingress.class", "alb",
                        "alb.ingress.kubernetes.io/conditions.web", "[{\"field\":"))))
        .startsWith("alb.ingress.kubernetes.io/conditions.web: is not valid JSON");
  }

  @Test
  void skipsIngressesOfOtherControllers() {
    cluster.ingressClasses.add(ingressClass("nginx", "k8s.io/ingress-nginx", null));
    var bad = Map.of("alb.ingress.kubernetes.io/conditions.web", BAD_CONDITIONS);

    assertThat(allowed(ingress("nginx", bad))).isTrue();
    assertThat(
            allowed(
                ingress(
                    null,
                    Map.of(
                        "kubernetes.io/ingress.class",
                        "nginx",
                        "alb.ingress.kubernetes.io/conditions.web",
                        BAD_CONDITIONS))))
        .isTrue();
    assertThat(allowed(ingress("not-created-yet", bad)))
        .as("a missing class of another name")
        .isTrue();
    assertThat(allowed(ingress(null, bad)))
        .as("no class, no default class, --ingress-class set")
        .isTrue();
  }

  @Test
  void ourClassIsFoundByItsControllerAndTheDefaultClassCounts() {
    var bad = Map.of("alb.ingress.kubernetes.io/conditions.web", BAD_CONDITIONS);
    IngressClass internal = ingressClass("internal", "ingress.k8s.aws/alb", null);
    cluster.ingressClasses.add(internal);
    assertThat(allowed(ingress("internal", bad))).isFalse();

    internal
        .getMetadata()
        .setAnnotations(Map.of("ingressclass.kubernetes.io/is-default-class", "true"));
    assertThat(allowed(ingress(null, bad))).isFalse();
  }

  @Test
  void ourClassNameMustExist() {
    assertThat(denial(ingress("alb", Map.of())))
        .isEqualTo("spec.ingressClassName: invalid ingress class: IngressClass alb not found");
  }

  @Test
  void theClassParamsMustExistAndAdmitTheNamespace() {
    cluster.ingressClasses.add(ingressClass("alb", "ingress.k8s.aws/alb", "team-b-only"));
    assertThat(denial(ingress("alb", Map.of())))
        .isEqualTo(
            "spec.ingressClassName: invalid ingress class: IngressClassParams team-b-only not found");

    addParams("team-b-only", "b");
    assertThat(denial(ingress("alb", Map.of())))
        .isEqualTo(
            "spec.ingressClassName: invalid ingress class: namespaceSelector of IngressClassParams"
                + " team-b-only mismatch: namespace team-a may not use IngressClass alb");

    cluster.ingressClasses.add(ingressClass("alb-a", "ingress.k8s.aws/alb", "team-a-only"));
    addParams("team-a-only", "a");
    assertThat(allowed(ingress("alb-a", Map.of()))).isTrue();
  }

  @Test
  void anUnchangedClassIsNotCheckedAgainOnUpdate() {
    cluster.ingressClasses.add(ingressClass("alb", "ingress.k8s.aws/alb", "team-b-only"));
    addParams("team-b-only", "b");
    Ingress existing = ingress("alb", Map.of());

    assertThat(
            validator.admit(Requests.update(ingress("alb", Map.of("x", "y")), existing)).allowed())
        .isTrue();
  }

  @Test
  void anIngressBeingDeletedIsNeverRefused() {
    Ingress deleting =
        ingress(
            null,
            Map.of(
                "kubernetes.io/ingress.class",
                "alb",
                "alb.ingress.kubernetes.io/conditions.web",
                BAD_CONDITIONS));
    deleting.getMetadata().setDeletionTimestamp(Instant.now().toString());

    assertThat(validator.admit(Requests.update(deleting, deleting)).allowed()).isTrue();
  }

  @Test
  void twoDefaultClassesAreAnError() {
    var a = ingressClass("a", "ingress.k8s.aws/alb", null);
    var b = ingressClass("b", "ingress.k8s.aws/alb", null);
    a.getMetadata().setAnnotations(Map.of("ingressclass.kubernetes.io/is-default-class", "true"));
    b.getMetadata().setAnnotations(Map.of("ingressclass.kubernetes.io/is-default-class", "true"));
    cluster.ingressClasses.add(a);
    cluster.ingressClasses.add(b);

    assertThat(denial(ingress(null, Map.of())))
        .isEqualTo(
            "spec.ingressClassName: invalid ingress class: multiple default IngressClasses found");
  }

  @Test
  void theDisableFlagsRefuseNewUsesOfTheLegacyAnnotationsOnly() {
    var strict = new IngressValidator(cluster, "alb", new LegacyAnnotationBans(true, true));
    cluster.ingressClasses.add(ingressClass("alb", "ingress.k8s.aws/alb", null));
    Ingress annotated = ingress(null, Map.of("kubernetes.io/ingress.class", "alb"));
    Ingress grouped = ingress("alb", Map.of("alb.ingress.kubernetes.io/group.name", "shop"));

    assertThat(catchThrowableOfType(Denial.class, () -> strict.admit(Requests.create(annotated))))
        .hasMessageStartingWith("kubernetes.io/ingress.class: new usage of the annotation");
    assertThat(catchThrowableOfType(Denial.class, () -> strict.admit(Requests.create(grouped))))
        .hasMessageStartingWith(
            "alb.ingress.kubernetes.io/group.name: new usage of the annotation");
    assertThat(strict.admit(Requests.update(annotated, annotated)).allowed())
        .as("kept by an Ingress that had it")
        .isTrue();
    assertThat(strict.admit(Requests.update(grouped, grouped)).allowed()).isTrue();
    Ingress regrouped = ingress("alb", Map.of("alb.ingress.kubernetes.io/group.name", "other"));
    assertThat(
            catchThrowableOfType(
                Denial.class, () -> strict.admit(Requests.update(regrouped, grouped))))
        .hasMessageStartingWith("alb.ingress.kubernetes.io/group.name: a new value");
    assertThat(
            strict
                .admit(
                    Requests.create(
                        ingress(
                            null,
                            Map.of(
                                "kubernetes.io/ingress.class", "nginx",
                                "alb.ingress.kubernetes.io/group.name", "shop"))))
                .allowed())
        .as("not ours")
        .isTrue();
    assertThat(validator.admit(Requests.create(annotated)).allowed())
        .as("the flags are off by default")
        .isTrue();
    assertThat(validator.admit(Requests.create(grouped)).allowed()).isTrue();
  }

  @Test
  void anEmptyIngressClassFlagManagesClasslessIngressesAndTheAlbAnnotation() {
    var everything = new IngressValidator(cluster, "");
    var bad = Map.of("alb.ingress.kubernetes.io/conditions.web", BAD_CONDITIONS);

    assertThat(
            catchThrowableOfType(
                Denial.class, () -> everything.admit(Requests.create(ingress(null, bad)))))
        .isNotNull();
    var annotated = new HashMap<>(bad);
    annotated.put("kubernetes.io/ingress.class", "alb");
    assertThat(
            catchThrowableOfType(
                Denial.class, () -> everything.admit(Requests.create(ingress(null, annotated)))))
        .isNotNull();
  }

  @Test
  void refusesANewlySetRefusedKeyWithTheBuildersMessageButLetsAnIngressThatHasOneBeUpdated() {
    cluster.ingressClasses.add(ingressClass("alb", "ingress.k8s.aws/alb", null));
    var refused =
        io.lbc.annotations.KeyInventory.keys().stream()
            .filter(k -> k.surface() == io.lbc.annotations.Surface.INGRESS_ANNOTATION)
            .filter(k -> k.support().refused() && !k.template() && k.onlyWithGate().isEmpty())
            .findFirst();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        refused.isPresent(), "no Ingress annotation is refused any more");
    String key = refused.get().fullKey();
    var withNlb = ingress("alb", Map.of(key, "3000"));

    assertThat(denial(withNlb)).isEqualTo(key + ": " + refused.get().support().reason());

    var withFinalizer = ingress("alb", Map.of(key, "3000"));
    withFinalizer.getMetadata().setFinalizers(java.util.List.of("ingress.k8s.aws/resources"));
    assertThat(validator.admit(Requests.update(withFinalizer, withNlb)).allowed())
        .as("an unchanged refused key does not block updates, e.g. of finalizers")
        .isTrue();

    var changed = ingress("alb", Map.of(key, "3001"));
    Denial denial =
        catchThrowableOfType(
            Denial.class, () -> validator.admit(Requests.update(changed, withNlb)));
    assertThat(denial).as("a changed refused key is refused").isNotNull();
    assertThat(denial.getMessage()).startsWith(key + ": ");
  }
}
