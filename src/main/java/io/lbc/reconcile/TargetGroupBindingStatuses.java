package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingStatus;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/** Builds a binding's status: {@code observedGeneration} and one {@code Ready} condition. */
final class TargetGroupBindingStatuses {
  static final String READY = "Ready";

  private final KubernetesClient kube;
  private final Clock clock;

  TargetGroupBindingStatuses(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /** Sets a False Ready condition and patches it right away, outside a JOSDK update. */
  void patchNow(TargetGroupBinding binding, String reason, String message) {
    if (apply(binding, false, reason, message)) {
      kube.resource(statusOnly(binding))
          .subresource("status")
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.SERVER_SIDE_APPLY)
                  .withFieldManager(TargetGroupBindingReconciler.NAME)
                  .withForce(true)
                  .build());
    }
  }

  /**
   * Sets the Ready condition on the binding; {@code observedGeneration} follows only when ready.
   *
   * @return whether the status changed, i.e. needs to be patched
   */
  boolean apply(TargetGroupBinding binding, boolean ready, String reason, String message) {
    TargetGroupBindingStatus status =
        Optional.ofNullable(binding.getStatus()).orElseGet(TargetGroupBindingStatus::new);
    if (status.conditions == null) {
      status.conditions = new ArrayList<>();
    }
    Long generation = binding.getMetadata().getGeneration();
    Optional<Condition> existing =
        status.conditions.stream().filter(c -> READY.equals(c.getType())).findFirst();
    String value = ready ? "True" : "False";
    boolean same =
        existing.isPresent()
            && value.equals(existing.get().getStatus())
            && Objects.equals(reason, existing.get().getReason())
            && Objects.equals(message, existing.get().getMessage())
            && Objects.equals(generation, existing.get().getObservedGeneration())
            && (!ready || Objects.equals(generation, status.observedGeneration));
    if (same) {
      return false;
    }
    String transition =
        existing.isPresent() && value.equals(existing.get().getStatus())
            ? existing.get().getLastTransitionTime()
            : DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    status.conditions.removeIf(c -> READY.equals(c.getType()));
    status.conditions.add(
        new ConditionBuilder()
            .withType(READY)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    if (ready) {
      status.observedGeneration = generation;
    }
    binding.setStatus(status);
    return true;
  }

  /**
   * Only the status, for a server-side apply: no spec to fight over and no resourceVersion to
   * conflict with the binding's own annotation patches (the status is ours alone).
   */
  static TargetGroupBinding statusOnly(TargetGroupBinding binding) {
    var patch = new TargetGroupBinding();
    patch.getMetadata().setName(binding.getMetadata().getName());
    patch.getMetadata().setNamespace(binding.getMetadata().getNamespace());
    patch.setStatus(binding.getStatus());
    return patch;
  }

  /** Whether the binding's Ready condition is True. */
  static boolean isReady(TargetGroupBinding binding) {
    return binding.getStatus() != null
        && binding.getStatus().conditions != null
        && binding.getStatus().conditions.stream()
            .anyMatch(c -> READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
