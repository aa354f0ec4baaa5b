package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final ExpiringCache<String, Optional<String>> cache =
      new ExpiringCache<>(Duration.ofMinutes(10), now::get);

  @Test
  void aValueIsServedUntilItsTimeToLiveRunsOut() {
    cache.put("lb", Optional.of("acl"));
    now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
    assertThat(cache.get("lb")).contains(Optional.of("acl"));

    now.addAndGet(1);
    assertThat(cache.get("lb")).isEmpty();
  }

  @Test
  void anAbsentAnswerIsCachedToo() {
    cache.put("lb", Optional.empty());
    assertThat(cache.get("lb")).contains(Optional.empty());
  }

  @Test
  void invalidateForgetsAndPutRestartsTheClock() {
    cache.put("lb", Optional.of("a"));
    cache.invalidate("lb");
    assertThat(cache.get("lb")).isEmpty();

    now.addAndGet(Duration.ofMinutes(9).toNanos());
    cache.put("lb", Optional.of("b"));
    now.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(cache.get("lb")).contains(Optional.of("b"));
  }
}
