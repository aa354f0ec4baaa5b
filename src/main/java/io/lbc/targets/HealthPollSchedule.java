package io.lbc.targets;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to look at a target group's health again while pods wait on their readiness gates: every 2–5
 * s while targets are {@code initial} (a gate should flip within seconds of the target turning
 * healthy), backing off to a minute while they are unhealthy (that needs a fix, not polling). A new
 * registration starts the schedule over. No wait is longer than {@code
 * --targetgroupbinding-requeue-duration} (15 s by default), the reference's fixed poll.
 */
final class HealthPollSchedule {
  static final Duration[] WHILE_INITIAL = {
    Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)
  };
  static final Duration[] WHILE_UNHEALTHY = {
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(20),
    Duration.ofSeconds(40),
    Duration.ofSeconds(60)
  };

  private final Map<BindingKey, Integer> attempts = new ConcurrentHashMap<>();
  private final Duration longest;

  HealthPollSchedule() {
    this(WHILE_UNHEALTHY[WHILE_UNHEALTHY.length - 1]);
  }

  HealthPollSchedule(Duration longest) {
    this.longest = longest;
  }

  Duration next(BindingKey binding, boolean anyInitial, boolean registeredJustNow) {
    if (registeredJustNow) {
      attempts.remove(binding);
    }
    int attempt = attempts.merge(binding, 1, Integer::sum) - 1;
    Duration[] steps = anyInitial ? WHILE_INITIAL : WHILE_UNHEALTHY;
    Duration step = steps[Math.min(attempt, steps.length - 1)];
    return step.compareTo(longest) < 0 ? step : longest;
  }

  void reset(BindingKey binding) {
    attempts.remove(binding);
  }
}
