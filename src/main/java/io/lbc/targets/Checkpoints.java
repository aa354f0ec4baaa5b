package io.lbc.targets;

import io.lbc.k8s.TargetGroupBinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each binding's last successful {@link Checkpoint}, in memory and in the binding's
 * annotations, so that a restarted or newly elected controller also skips bindings whose inputs did
 * not change, without a single AWS call. A checkpoint older than {@code verifyAfter} no longer
 * skips: the next reconcile re-reads the target group once, which catches changes made behind our
 * back.
 */
final class Checkpoints {
  private record Stored(String value, Instant at) {}

  private final KubeWrites writes;
  private final Clock clock;
  private final Duration verifyAfter;
  private final Map<String, Stored> byUid = new ConcurrentHashMap<>();

  Checkpoints(KubeWrites writes, Clock clock, Duration verifyAfter) {
    this.writes = writes;
    this.clock = clock;
    this.verifyAfter = verifyAfter;
  }

  /** Whether the last successful reconcile saw exactly these inputs, recently enough. */
  boolean isCurrent(TargetGroupBinding binding, String checkpoint) {
    Stored stored = stored(binding);
    return stored != null
        && stored.value().equals(checkpoint)
        && stored.at().plus(verifyAfter).isAfter(clock.instant());
  }

  void save(TargetGroupBinding binding, String checkpoint) {
    Instant now = clock.instant();
    writes.annotate(
        binding,
        Map.of(
            Checkpoint.ANNOTATION,
            checkpoint,
            Checkpoint.TIMESTAMP_ANNOTATION,
            Long.toString(now.getEpochSecond())));
    byUid.put(binding.getMetadata().getUid(), new Stored(checkpoint, now));
  }

  /**
   * Clears the checkpoint before AWS is changed: if the controller stops half-way, the inputs it
   * was acting on must not look done to its successor.
   */
  void invalidate(TargetGroupBinding binding) {
    Stored stored = stored(binding);
    if (stored != null && !stored.value().isEmpty()) {
      writes.annotate(binding, Map.of(Checkpoint.ANNOTATION, ""));
      byUid.put(binding.getMetadata().getUid(), new Stored("", stored.at()));
    }
  }

  void forget(TargetGroupBinding binding) {
    byUid.remove(binding.getMetadata().getUid());
  }

  private Stored stored(TargetGroupBinding binding) {
    Stored inMemory = byUid.get(binding.getMetadata().getUid());
    if (inMemory != null) {
      return inMemory;
    }
    Map<String, String> annotations = binding.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(Checkpoint.ANNOTATION)) {
      return null;
    }
    Instant at;
    try {
      at = Instant.ofEpochSecond(Long.parseLong(annotations.get(Checkpoint.TIMESTAMP_ANNOTATION)));
    } catch (NumberFormatException e) {
      at = Instant.EPOCH;
    }
    return new Stored(annotations.get(Checkpoint.ANNOTATION), at);
  }
}
