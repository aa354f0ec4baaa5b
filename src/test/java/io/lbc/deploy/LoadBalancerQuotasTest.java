package io.lbc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadBalancerQuotasTest {
  private static Stack stackWithLoadBalancer(String type) {
    var stack = new Stack(StackId.service("ns", "web"));
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            "lb", type, "internal", "ipv4", List.of(), List.of(), null, List.of(), Map.of()));
    return stack;
  }

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void limitsAreReadOnceAnHour() {
    var reads = new AtomicInteger();
    var clock = new MovableClock();
    var quotas =
        new LoadBalancerQuotas(
            () -> {
              reads.incrementAndGet();
              return Map.of("listeners-per-network-load-balancer", 50);
            },
            clock);
    Stack stack = stackWithLoadBalancer("network");
    quotas.check(stack);
    quotas.check(stack);
    assertThat(reads).hasValue(1);
    clock.now = clock.now.plus(Duration.ofMinutes(61));
    quotas.check(stack);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aStackWithoutLoadBalancerAsksNothing() {
    var quotas =
        new LoadBalancerQuotas(
            () -> {
              throw new AssertionError("asked");
            },
            Clock.systemUTC());
    quotas.check(new Stack(StackId.service("ns", "gone")));
  }

  @Test
  void anExcessNamesTheQuotaTheCountAndTheLimit() {
    var quotas =
        new LoadBalancerQuotas(
            () -> Map.of("listeners-per-network-load-balancer", 0), Clock.systemUTC());
    // zero listeners never exceed; the message shape is checked on a made-up excess
    quotas.check(stackWithLoadBalancer("network"));
    var excess = new LoadBalancerQuotas.Excess("rules-per-application-load-balancer", 101, 100);
    assertThat(excess)
        .hasToString(
            "rules-per-application-load-balancer: the stack needs 101, the account's limit is 100");
    assertThatThrownBy(
            () -> {
              throw new LoadBalancerQuotas.QuotaExceededException(List.of(excess));
            })
        .hasMessageContaining("nothing was deployed")
        .hasMessageContaining("needs 101");
  }
}
