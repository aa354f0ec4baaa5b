package io.lbc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.lbc.fake.K8sObjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InformerTrimsTest {
  @Test
  void aTrimmedPodKeepsWhatTheEngineReadsAndNothingElse() {
    var pod =
        K8sObjects.pod(
            "ns", "web-a", "10.0.0.1", 8080, true, false, "target-health.elbv2.k8s.aws/web");
    pod.getMetadata().setAnnotations(Map.of("big", "x".repeat(10_000)));
    pod.getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));

    var trimmed = InformerTrims.pod(pod);

    assertThat(trimmed.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(trimmed.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(trimmed.getSpec().getContainers().get(0).getImage()).isNull();
    assertThat(trimmed.getSpec().getContainers().get(0).getPorts().get(0).getName())
        .isEqualTo("web");
    assertThat(trimmed.getSpec().getReadinessGates()).hasSize(1);
    assertThat(trimmed.getStatus().getPodIP()).isEqualTo("10.0.0.1");
    assertThat(trimmed.getStatus().getConditions()).hasSize(2);
    assertThat(trimmed.getStatus().getPhase()).isNull();
  }

  @Test
  void anUpdateOfNothingButTheHeartbeatCountsAsUnchanged() {
    var node = K8sObjects.node("n1", "i-1", true, Map.of("pool", "a"));
    node.getMetadata().setResourceVersion("10");
    var cached = InformerTrims.node(node);
    var later = K8sObjects.node("n1", "i-1", true, Map.of("pool", "a"));
    later.getMetadata().setUid(node.getMetadata().getUid());
    later.getMetadata().setResourceVersion("11");
    later
        .getStatus()
        .getConditions()
        .get(0)
        .setLastTransitionTime(node.getStatus().getConditions().get(0).getLastTransitionTime());
    later.getStatus().getConditions().get(0).setLastHeartbeatTime("2099-01-01T00:00:00Z");

    assertThat(InformerTrims.unchanged(InformerTrims::node, later, cached)).isTrue();
    assertThat(later.getMetadata().getResourceVersion()).isEqualTo("11");

    later.getStatus().getConditions().get(0).setStatus("False");
    assertThat(InformerTrims.unchanged(InformerTrims::node, later, cached)).isFalse();
    later.getStatus().getConditions().get(0).setStatus("True");
    later.getMetadata().setLabels(Map.of("pool", "b"));
    assertThat(InformerTrims.unchanged(InformerTrims::node, later, cached)).isFalse();
  }
}
