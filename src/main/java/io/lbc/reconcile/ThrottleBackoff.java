package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lbc.aws.AwsErrors;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Retries of reconciles that AWS throttled, per object: 5 ms doubling to a short cap rather than
 * the 1000 s of other failures. Throttling is the account's state, not the object's: once it lifts
 * every object should converge within seconds, not after the long backoff it built up meanwhile.
 * The client-side rate limits keep these retries from hammering AWS; an object's count restarts
 * after a reconcile that was not throttled.
 */
final class ThrottleBackoff {
  static final Duration INITIAL = Duration.ofMillis(5);
  static final Duration CAP = Duration.ofSeconds(10);

  private final Map<String, Integer> throttledInARow = new ConcurrentHashMap<>();

  /**
   * Runs one reconcile of {@code key}: its result, or, when AWS throttled it, "again after the
   * backoff". Other failures propagate to JOSDK's retry.
   */
  <R extends HasMetadata> UpdateControl<R> run(String key, Supplier<UpdateControl<R>> reconcile) {
    try {
      UpdateControl<R> control = reconcile.get();
      throttledInARow.remove(key);
      return control;
    } catch (RuntimeException e) {
      if (!AwsErrors.isThrottlingCause(e)) {
        throttledInARow.remove(key);
        throw e;
      }
      int times = throttledInARow.merge(key, 1, Integer::sum);
      return UpdateControl.<R>noUpdate().rescheduleAfter(delay(times));
    }
  }

  /** The wait after the {@code times}-th throttled reconcile in a row. */
  static Duration delay(int times) {
    int doublings = Math.min(times - 1, 30);
    Duration delay = INITIAL.multipliedBy(1L << doublings);
    return delay.compareTo(CAP) > 0 ? CAP : delay;
  }
}
