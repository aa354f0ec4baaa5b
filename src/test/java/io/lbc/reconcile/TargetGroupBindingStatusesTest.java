package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.fake.K8sObjects;
import io.lbc.fake.MutableClock;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TargetGroupBindingStatusesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TargetGroupBindingStatuses statuses = new TargetGroupBindingStatuses(null, clock);

  @Test
  void changesOnlyWhenTheConditionDoesAndKeepsTheTransitionTimeOtherwise() {
    var binding = K8sObjects.binding("ns", "web", "arn", BindingTargetType.IP, "web", 80);

    assertThat(statuses.apply(binding, true, "SuccessfullyReconciled", "3 targets registered"))
        .isTrue();
    assertThat(binding.getStatus().observedGeneration).isEqualTo(1L);
    assertThat(statuses.apply(binding, true, "SuccessfullyReconciled", "3 targets registered"))
        .isFalse();

    clock.advance(Duration.ofMinutes(5));
    assertThat(statuses.apply(binding, true, "SuccessfullyReconciled", "4 targets registered"))
        .isTrue();
    assertThat(binding.getStatus().conditions.get(0).getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");

    binding.getMetadata().setGeneration(2L);
    assertThat(statuses.apply(binding, false, "BackendNotFound", "Service ns/web not found"))
        .isTrue();
    assertThat(binding.getStatus().observedGeneration).isEqualTo(1L);
    assertThat(binding.getStatus().conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
            });
    assertThat(TargetGroupBindingStatuses.isReady(binding)).isFalse();
  }
}
