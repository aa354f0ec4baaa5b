package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controller's own bookkeeping annotations never trigger a reconcile; a user's do. */
class StatusOnlyChangeTest {
  private static Ingress with(Map<String, String> annotations) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("web")
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }

  @Test
  void bookkeepingAnnotationsAreNotAChangeButOthersAre() {
    Ingress before = with(Map.of("a", "1"));
    Ingress checkpointed =
        with(
            Map.of("a", "1", StackCheckpoints.ANNOTATION, "{}", LastGoodVersions.ANNOTATION, "{}"));
    assertThat(StatusOnlyChange.changed(checkpointed, before, Ingress::getSpec)).isFalse();
    assertThat(StatusOnlyChange.changed(with(Map.of("a", "2")), before, Ingress::getSpec)).isTrue();
  }

  @Test
  void addingAFinalizerIsAChangeButNotAUsersWhileAnEditOrADeletionIs() {
    Ingress before = with(Map.of("a", "1"));
    Ingress finalized = with(Map.of("a", "1"));
    finalized.getMetadata().setFinalizers(java.util.List.of("ingress.k8s.aws/resources"));
    assertThat(StatusOnlyChange.ignored(Ingress::getSpec).accept(finalized, before)).isTrue();
    assertThat(StatusOnlyChange.userMade(Ingress::getSpec).accept(finalized, before)).isFalse();

    Ingress edited = with(Map.of("a", "2"));
    edited.getMetadata().setFinalizers(java.util.List.of("ingress.k8s.aws/resources"));
    assertThat(StatusOnlyChange.userMade(Ingress::getSpec).accept(edited, finalized)).isTrue();
    Ingress deleted = with(Map.of("a", "1"));
    deleted.getMetadata().setDeletionTimestamp("2026-12-07T12:00:00Z");
    assertThat(StatusOnlyChange.userMade(Ingress::getSpec).accept(deleted, before)).isTrue();
  }
}
