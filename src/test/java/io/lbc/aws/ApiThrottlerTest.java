package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ApiThrottlerTest {
  private static final String ELB = "Elastic Load Balancing v2";

  @Test
  void aBurstPassesAtOnceThenCallsWaitForTheRate() {
    var throttler =
        new ApiThrottler(
            ApiThrottleConfig.fromFlag(ELB + ":^Modify.*=20:5"), new SimpleMeterRegistry());
    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      throttler.acquire(ELB, "ModifyListener");
    }
    long burstMillis = (System.nanoTime() - started) / 1_000_000;
    for (int i = 0; i < 10; i++) {
      throttler.acquire(ELB, "ModifyRule");
    }
    long totalMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(burstMillis).isLessThan(100);
    // 10 more calls at 20/s, the bucket empty: about 500 ms
    assertThat(totalMillis).isBetween(450L, 1500L);
  }

  @Test
  void operationsNoRuleMatchesAreNotLimited() {
    var throttler =
        new ApiThrottler(
            ApiThrottleConfig.fromFlag(ELB + ":^Modify.*=1:1"), new SimpleMeterRegistry());
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      throttler.acquire(ELB, "CreateRule");
      throttler.acquire("EC2", "ModifyInstanceAttribute");
    }
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);
  }

  @Test
  void fractionalRatesRefillSlowly() {
    var bucket =
        ApiThrottler.bucket(
            ApiThrottleConfig.fromFlag("WAFV2:^AssociateWebACL=0.5:1")
                .rulesFor("WAFV2", "AssociateWebACL")
                .get(0));
    assertThat(bucket.tryConsume(1)).isTrue();
    assertThat(bucket.tryConsume(1)).isFalse();
    assertThat(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill())
        .isBetween(1_900_000_000L, 2_000_000_000L);
  }
}
