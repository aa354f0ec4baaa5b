package io.lbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsGoDurations() {
    assertThat(GoDuration.parse("16m40s")).isEqualTo(Duration.ofSeconds(1000));
    assertThat(GoDuration.parse("1000s")).isEqualTo(Duration.ofSeconds(1000));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("5ms")).isEqualTo(Duration.ofMillis(5));
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void refusesWhatGoRefuses() {
    for (String bad : new String[] {"", "10", "5 m", "-1s", "1d", "s"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
