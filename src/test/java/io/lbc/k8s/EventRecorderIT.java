package io.lbc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.MutableClock;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events written to the real apiserver. */
@RigTest
class EventRecorderIT {
  @Test
  void writesEventsAboutAnObjectAndCountsRepeatsInsteadOfDuplicatingThem(
      KubernetesClient kube, TestNamespace namespace) {
    var object =
        kube.resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("subject")
                    .withNamespace(namespace.name())
                    .endMetadata()
                    .build())
            .create();
    var clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    var recorder = new EventRecorder(kube, clock);

    recorder.warning(object, "BackendNotFound", "Service shop/web not found");
    clock.advance(Duration.ofSeconds(30));
    recorder.warning(object, "BackendNotFound", "Service shop/web not found");
    recorder.normal(object, "SuccessfullyReconciled", "registered 3 targets");

    List<Event> events = kube.v1().events().inNamespace(namespace.name()).list().getItems();
    assertThat(events).hasSize(2);
    assertThat(events)
        .filteredOn(e -> "BackendNotFound".equals(e.getReason()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getCount()).isEqualTo(2);
              assertThat(e.getFirstTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
              assertThat(e.getLastTimestamp()).isEqualTo("2026-03-01T10:00:30Z");
              assertThat(e.getSource().getComponent()).isEqualTo("aws-load-balancer-controller");
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
              assertThat(e.getInvolvedObject().getName()).isEqualTo("subject");
              assertThat(e.getInvolvedObject().getUid()).isEqualTo(object.getMetadata().getUid());
            });
    assertThat(events)
        .filteredOn(e -> "SuccessfullyReconciled".equals(e.getReason()))
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Normal"));
  }
}
