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
}
