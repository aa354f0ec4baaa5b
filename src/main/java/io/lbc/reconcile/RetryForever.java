package io.lbc.reconcile;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;

/**
 * The reconcilers' retry: per object, never giving up, backing off exponentially from 5 ms and
 * doubling up to a cap — the shape of controller-runtime's per-item workqueue rate limiter that the
 * reference controller uses (5 ms → 1000 s). One failing object backs off alone; the others are
 * reconciled as usual.
 */
public final class RetryForever {
  public static final Duration INITIAL = Duration.ofMillis(5);
  public static final Duration DEFAULT_CAP = Duration.ofSeconds(1000);

  private RetryForever() {}

  public static GenericRetry cappedAt(Duration cap) {
    return new GenericRetry()
        .withoutMaxAttempts()
        .setInitialInterval(INITIAL.toMillis())
        .setIntervalMultiplier(2)
        .setMaxInterval(Math.max(INITIAL.toMillis(), cap.toMillis()));
  }
}
