package io.lbc.targets;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.lbc.aws.elbv2.TargetHealth;
import io.lbc.k8s.cache.SlimCondition;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.targets.DesiredTarget.PodRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sets each registered pod's {@code target-health.elbv2.k8s.aws/<binding>} condition from its
 * target's health: True once healthy, False with the ELB's reason otherwise. A target still in
 * {@code initial} gets no write (an absent gate already holds the pod back), which spares one pod
 * status write per pod and rollout.
 */
final class ReadinessGates {
  static final String HEALTHY = "healthy";
  static final String INITIAL = "initial";

  /** Pods still waiting on their gate, and whether any waits on a target still initial. */
  record Pending(int pods, boolean anyInitial) {
    static final Pending NONE = new Pending(0, false);
  }

  private final KubeWrites writes;
  private final TargetMetrics metrics;
  private final Clock clock;

  ReadinessGates(KubeWrites writes, TargetMetrics metrics, Clock clock) {
    this.writes = writes;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @param targets the targets meant to be registered
   * @param health the registered targets' health; a target missing here is being registered
   */
  Pending update(
      BindingKey binding,
      Collection<DesiredTarget> targets,
      Map<TargetKey, TargetHealth> health,
      Function<PodRef, Optional<SlimPod>> pods) {
    String gate = PodConditions.gateFor(binding.name());
    int pending = 0;
    boolean anyInitial = false;
    for (DesiredTarget target : targets) {
      Optional<SlimPod> pod = target.pod() == null ? Optional.empty() : pods.apply(target.pod());
      if (pod.isEmpty() || !PodConditions.hasGate(pod.get(), gate)) {
        continue;
      }
      TargetHealth targetHealth = health.get(target.key());
      String state = targetHealth == null ? INITIAL : targetHealth.state();
      if (!HEALTHY.equals(state)) {
        pending++;
        anyInitial |= INITIAL.equals(state);
      }
      setCondition(binding, target.pod(), pod.get(), gate, state, targetHealth);
    }
    return new Pending(pending, anyInitial);
  }

  /** Pending pods without looking at AWS: the gates not yet True among the targets. */
  static boolean anyPending(
      String bindingName,
      Collection<DesiredTarget> targets,
      Function<PodRef, Optional<SlimPod>> pods) {
    String gate = PodConditions.gateFor(bindingName);
    return targets.stream()
        .map(t -> t.pod() == null ? Optional.<SlimPod>empty() : pods.apply(t.pod()))
        .flatMap(Optional::stream)
        .anyMatch(p -> PodConditions.hasGate(p, gate) && !PodConditions.isTrue(p, gate));
  }

  private void setCondition(
      BindingKey binding,
      PodRef ref,
      SlimPod pod,
      String gate,
      String state,
      TargetHealth targetHealth) {
    Optional<SlimCondition> existing = pod.condition(gate);
    String status = HEALTHY.equals(state) ? "True" : "False";
    String reason = targetHealth == null ? null : targetHealth.reason();
    String message = targetHealth == null ? null : targetHealth.description();
    if (INITIAL.equals(state) && existing.map(c -> "False".equals(c.status())).orElse(true)) {
      return;
    }
    if (existing.isPresent()
        && status.equals(existing.get().status())
        && Objects.equals(reason, existing.get().reason())
        && Objects.equals(message, existing.get().message())) {
      return;
    }
    Instant now = clock.instant();
    boolean flips = existing.map(c -> !status.equals(c.status())).orElse(true);
    PodCondition condition =
        new PodConditionBuilder()
            .withType(gate)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(
                flips
                    ? DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))
                    : existing.get().lastTransitionTime())
            .build();
    if (writes.patchPodCondition(ref, condition) && flips && "True".equals(status)) {
      Instant containersReady = PodConditions.transitionTime(pod, "ContainersReady");
      if (containersReady != null) {
        metrics.readinessGateReady(binding, Duration.between(containersReady, now));
      }
    }
  }
}
