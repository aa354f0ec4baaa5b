package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryForeverTest {
  @Test
  void backsOffFrom5msDoublingToTheCapAndNeverGivesUp() {
    RetryExecution execution = RetryForever.cappedAt(Duration.ofSeconds(1000)).initExecution();
    List<Long> delays = new ArrayList<>();
    for (int attempt = 0; attempt < 1000; attempt++) {
      delays.add(execution.nextDelay().orElseThrow());
    }
    // JOSDK waits the initial interval twice before it starts doubling
    assertThat(delays.subList(0, 6)).containsExactly(5L, 5L, 10L, 20L, 40L, 80L);
    assertThat(delays.get(18)).isEqualTo(655_360L);
    assertThat(delays.get(19)).isEqualTo(1_000_000L);
    assertThat(delays.get(999)).isEqualTo(1_000_000L);
  }

  @Test
  void theCapIsTheFlags() {
    RetryExecution execution = RetryForever.cappedAt(Duration.ofSeconds(2)).initExecution();
    long last = 0;
    for (int attempt = 0; attempt < 50; attempt++) {
      last = execution.nextDelay().orElseThrow();
    }
    assertThat(last).isEqualTo(2_000L);
  }
}
