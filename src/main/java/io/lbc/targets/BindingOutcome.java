package io.lbc.targets;

import io.lbc.k8s.EventReasons;
import io.lbc.k8s.TargetGroupBinding;
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

  static BindingOutcome upToDate() {
    return new BindingOutcome(
        true,
        EventReasons.SUCCESSFULLY_RECONCILED,
        "targets up to date",
        Optional.empty(),
        List.of(),
        Optional.empty(),
        true);
  }

  static BindingOutcome reconciled(
      TargetPlan plan, String arn, List<Notice> warnings, Optional<Duration> requeueAfter) {
    Optional<String> changes =
        plan.changes()
            ? Optional.of(
                "registered "
                    + plan.register().size()
                    + " and deregistered "
                    + plan.deregister().size()
                    + " targets of "
                    + arn)
            : Optional.empty();
    String message =
        plan.keptByFailSafe().isEmpty()
            ? plan.desired().size() + " targets registered"
            : plan.desired().size() + " not-ready targets kept registered: no endpoint is ready";
    return new BindingOutcome(
        true,
        EventReasons.SUCCESSFULLY_RECONCILED,
        message,
        changes,
        warnings,
        requeueAfter,
        false);
  }

  /** This outcome, but not ready for the notice's reason (the condition tells it). */
  BindingOutcome notReady(Notice notice) {
    return new BindingOutcome(
        false, notice.reason(), notice.message(), changes, warnings, requeueAfter, false);
  }

  static BindingOutcome backendNotFound(Notice notice, Optional<String> changes) {
    return new BindingOutcome(
        false,
        EventReasons.BACKEND_NOT_FOUND,
        notice.message(),
        changes,
        List.of(notice),
        Optional.empty(),
        false);
  }

  static Notice failSafe(TargetGroupBinding binding, TargetPlan plan) {
    return new Notice(
        EventReasons.KEPT_TARGETS_ALL_ENDPOINTS_NOT_READY,
        "no endpoint of Service "
            + binding.getSpec().serviceRef.name
            + " is ready; kept "
            + plan.keptByFailSafe().size()
            + " registered targets so the load balancer can fail open instead of dropping all"
            + " traffic");
  }
}
