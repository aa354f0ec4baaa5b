package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import io.lbc.plan.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressGroupLoaderTest {
  private static final String CLASSES =
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: alb}
      spec: {controller: ingress.k8s.aws/alb}
      ---
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: nginx}
      spec: {controller: k8s.io/ingress-nginx}
      ---
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: restricted}
      spec:
        controller: ingress.k8s.aws/alb
        parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: restricted}
      ---
      apiVersion: elbv2.k8s.aws/v1beta1
      kind: IngressClassParams
      metadata: {name: restricted}
      spec:
        namespaceSelector: {matchLabels: {team: web}}
        group: {name: web-shared}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: web, labels: {team: web}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: other}
      """;

  private static String ingress(String namespace, String name, String extraMetadata, String spec) {
    return """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: %s
          name: %s
        %s
        spec:
        %s
        """
        .formatted(namespace, name, indent(extraMetadata), indent(spec));
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  private static IngressGroupLoader loader(String ingressClassFlag, String... ingresses) {
    var view = new ManifestClusterView(Manifests.parse(CLASSES + String.join("", ingresses)));
    return new IngressGroupLoader(
        view, AlbStackGoldenTest.config(List.of("--ingress-class=" + ingressClassFlag)));
  }

  private static Ingress only(IngressGroupLoader loader, String yaml) {
    return (Ingress) Manifests.parse(yaml).get(0);
  }

  @Test
  void matchesByLegacyAnnotationFirstThenByIngressClass() {
    var loader = loader("alb");
    assertThat(
            classify(
                loader,
                "annotations: {kubernetes.io/ingress.class: alb}",
                "ingressClassName: nginx"))
        .isEqualTo(ClassMatch.Outcome.OURS);
    assertThat(
            classify(
                loader,
                "annotations: {kubernetes.io/ingress.class: nginx}",
                "ingressClassName: alb"))
        .isEqualTo(ClassMatch.Outcome.NOT_OURS);
    assertThat(classify(loader, "labels: {}", "ingressClassName: alb"))
        .isEqualTo(ClassMatch.Outcome.OURS);
    assertThat(classify(loader, "labels: {}", "ingressClassName: nginx"))
        .isEqualTo(ClassMatch.Outcome.NOT_OURS);
    assertThat(classify(loader, "labels: {}", "rules: []")).isEqualTo(ClassMatch.Outcome.NOT_OURS);
    assertThat(classify(loader, "labels: {}", "ingressClassName: missing"))
        .isEqualTo(ClassMatch.Outcome.INVALID);
  }

  @Test
  void anEmptyIngressClassFlagAlsoServesUnclassedIngressesAndTheAlbAnnotation() {
    var loader = loader("");
    assertThat(classify(loader, "labels: {}", "rules: []")).isEqualTo(ClassMatch.Outcome.OURS);
    assertThat(classify(loader, "annotations: {kubernetes.io/ingress.class: alb}", "rules: []"))
        .isEqualTo(ClassMatch.Outcome.OURS);
    assertThat(
            classify(
                loader("custom"), "annotations: {kubernetes.io/ingress.class: alb}", "rules: []"))
        .isEqualTo(ClassMatch.Outcome.NOT_OURS);
  }

  @Test
  void classParamsRefuseNamespacesOutsideTheirSelectorAndSetTheGroup() {
    var loader = loader("alb");
    var allowed =
        only(loader, ingress("web", "shop", "labels: {}", "ingressClassName: restricted"));
    var refused =
        only(loader, ingress("other", "shop", "labels: {}", "ingressClassName: restricted"));

    assertThat(loader.classify(allowed).params()).isPresent();
    assertThat(loader.groupOf(allowed)).contains(StackId.explicitIngressGroup("web-shared"));
    assertThatThrownBy(() -> loader.groupOf(refused))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("spec.ingressClassName")
        .hasMessageContaining("does not allow namespace other");
  }

  @Test
  void groupsAreImplicitOrNamedAndFinalizersFollowTheReference() {
    var loader = loader("alb");
    var implicit = only(loader, ingress("ns", "a", "labels: {}", "ingressClassName: alb"));
    var explicit =
        only(
            loader,
            ingress(
                "ns",
                "b",
                "annotations: {alb.ingress.kubernetes.io/group.name: team.web-1}",
                "ingressClassName: alb"));
    var badName =
        only(
            loader,
            ingress(
                "ns",
                "c",
                "annotations: {alb.ingress.kubernetes.io/group.name: Team_Web}",
                "ingressClassName: alb"));

    assertThat(loader.groupOf(implicit)).contains(StackId.implicitIngressGroup("ns", "a"));
    assertThat(loader.groupOf(explicit)).contains(StackId.explicitIngressGroup("team.web-1"));
    assertThatThrownBy(() -> loader.groupOf(badName))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(
            "alb.ingress.kubernetes.io/group.name: 'Team_Web' is not a valid group name");
    assertThat(IngressGroupLoader.finalizer(StackId.implicitIngressGroup("ns", "a")))
        .isEqualTo("ingress.k8s.aws/resources");
    assertThat(IngressGroupLoader.finalizer(StackId.explicitIngressGroup("team.web-1")))
        .isEqualTo("group.ingress.k8s.aws/team.web-1");
  }

  @Test
  void loadsMembersInOrderAndListsLeavingAndExcludedOnesSeparately() {
    String group = "alb.ingress.kubernetes.io/group.name: g";
    String finalizer = "finalizers: [group.ingress.k8s.aws/g]";
    var loader =
        loader(
            "alb",
            ingress(
                "ns",
                "z-first",
                "annotations: {" + group + ", alb.ingress.kubernetes.io/group.order: '-1'}",
                "ingressClassName: alb"),
            ingress("ns", "b", "annotations: {" + group + "}", "ingressClassName: alb"),
            ingress("ms", "c", "annotations: {" + group + "}", "ingressClassName: alb"),
            ingress(
                "ns",
                "bad-order",
                "annotations: {" + group + ", alb.ingress.kubernetes.io/group.order: '5000'}",
                "ingressClassName: alb"),
            ingress(
                "ns",
                "moved",
                finalizer + "\nannotations: {alb.ingress.kubernetes.io/group.name: h}",
                "ingressClassName: alb"),
            ingress(
                "ns",
                "now-nginx",
                finalizer + "\nannotations: {" + group + "}",
                "ingressClassName: nginx"),
            ingress(
                "ns",
                "deleted",
                finalizer
                    + "\ndeletionTimestamp: '2026-01-01T00:00:00Z'\nannotations: {"
                    + group
                    + "}",
                "ingressClassName: alb"),
            ingress(
                "ns",
                "class-gone",
                finalizer + "\nannotations: {" + group + "}",
                "ingressClassName: missing"),
            ingress(
                "ns",
                "never-member",
                "annotations: {alb.ingress.kubernetes.io/group.name: h}",
                "ingressClassName: alb"));

    IngressGroup loaded = loader.load(StackId.explicitIngressGroup("g"));

    assertThat(loaded.members())
        .extracting(GroupMember::key)
        .containsExactly("ns/z-first", "ms/c", "ns/b");
    assertThat(loaded.leaving())
        .extracting(i -> i.getMetadata().getName())
        .containsExactlyInAnyOrder("moved", "now-nginx", "deleted");
    assertThat(loaded.excluded())
        .extracting(ExcludedMember::key, e -> e.error().field())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "ns/bad-order", "alb.ingress.kubernetes.io/group.order"),
            org.assertj.core.groups.Tuple.tuple("ns/class-gone", "spec.ingressClassName"));
    assertThat(loaded.finalizer()).isEqualTo("group.ingress.k8s.aws/g");
    assertThat(loader.groups())
        .extracting(StackId::value)
        .contains("g", "h")
        .doesNotContain("ns/now-nginx");
  }

  @Test
  void anImplicitGroupOnlyCountsItsOwnIngressAsLeaving() {
    var loader =
        loader(
            "alb",
            ingress(
                "ns",
                "a",
                "finalizers: [ingress.k8s.aws/resources]\nannotations: {kubernetes.io/ingress.class: nginx}",
                "rules: []"),
            ingress("ns", "b", "finalizers: [ingress.k8s.aws/resources]", "ingressClassName: alb"));

    IngressGroup a = loader.load(StackId.implicitIngressGroup("ns", "a"));
    assertThat(a.members()).isEmpty();
    assertThat(a.leaving()).extracting(i -> i.getMetadata().getName()).containsExactly("a");
    assertThat(IngressGroupLoader.groupsOfFinalizers(a.leaving().get(0)))
        .containsExactly(StackId.implicitIngressGroup("ns", "a"));
  }

  private static ClassMatch.Outcome classify(
      IngressGroupLoader loader, String metadata, String spec) {
    return loader.classify(only(loader, ingress("ns", "x", metadata, spec))).outcome();
  }
}
