package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HealthPollScheduleTest {
  private final HealthPollSchedule schedule = new HealthPollSchedule();
  private final BindingKey key = new BindingKey("ns", "web");

  @Test
  void pollsWithinSecondsWhileTargetsAreInitialAndBacksOffToAMinuteWhileUnhealthy() {
    var initial = IntStream.range(0, 5).mapToObj(i -> schedule.next(key, true, false)).toList();
    assertThat(initial).allMatch(d -> d.compareTo(Duration.ofSeconds(5)) <= 0);
    assertThat(initial.get(0)).isEqualTo(Duration.ofSeconds(2));

    schedule.reset(key);
    var unhealthy = IntStream.range(0, 8).mapToObj(i -> schedule.next(key, false, false)).toList();
    assertThat(unhealthy).isSorted();
    assertThat(unhealthy.get(7)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void noWaitIsLongerThanTheRequeueDuration() {
    var capped = new HealthPollSchedule(Duration.ofSeconds(15));
    var unhealthy = IntStream.range(0, 8).mapToObj(i -> capped.next(key, false, false)).toList();
    assertThat(unhealthy).isSorted().contains(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(unhealthy.get(7)).isEqualTo(Duration.ofSeconds(15));
    var initial = new HealthPollSchedule(Duration.ofSeconds(1)).next(key, true, false);
    assertThat(initial).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aNewRegistrationStartsOver() {
    IntStream.range(0, 6).forEach(i -> schedule.next(key, false, false));
    assertThat(schedule.next(key, true, true)).isEqualTo(Duration.ofSeconds(2));
  }
}
