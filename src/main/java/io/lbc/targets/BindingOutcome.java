package io.lbc.targets;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile of a binding achieved, for the reconciler to turn into status and events.
 *
 * @param ready whether the targets are in place (the {@code Ready} condition)
 * @param reason the condition's reason, an event reason
 * @param message the condition's message; stable while nothing changes
 * @param changes what was changed in AWS, for the success event; empty when nothing was
 * @param warnings warning events to emit
 * @param requeueAfter when to look again without any event, e.g. to poll target health
 * @param skipped nothing changed since the last successful reconcile, no AWS call was made: the
 *     status stands as it is
 */
public record BindingOutcome(
    boolean ready,
    String reason,
    String message,
    Optional<String> changes,
    List<Notice> warnings,
    Optional<Duration> requeueAfter,
    boolean skipped) {

  /** A warning event: reason and message. */
  public record Notice(String reason, String message) {}
}
