package io.lbc.targets;

import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.lbc.aws.AwsErrors;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetHealth;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.model.UserInputException;
import io.lbc.targets.DesiredTarget.PodRef;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Takes a binding's targets out of its target group: on deletion, and while its Service is missing.
 * Never depends on the binding's spec being valid beyond naming its target group, and a target
 * group that is gone already counts as done.
 */
final class BindingCleanup {
  /** What cleanup works with, shared with the engine. */
  record Parts(
      Elbv2 elbv2,
      TargetGroups targetGroups,
      TrackedTargets tracked,
      Checkpoints checkpoints,
      TargetRegistrar registrar,
      ClusterView cluster,
      KubeWrites writes,
      Clock clock) {}

  private final Parts parts;

  BindingCleanup(Parts parts) {
    this.parts = parts;
  }

  /**
   * Deregisters every target of the group, or with {@code multiClusterTargetGroup} only the ones
   * this binding registered.
   *
   * @return how many were deregistered
   */
  int deregisterAll(TargetGroupBinding binding) {
    String arn;
    try {
      arn = parts.targetGroups().arn(binding.getSpec());
    } catch (UserInputException e) {
      return 0;
    }
    List<TargetHealth> health = parts.elbv2().describeTargetHealth(arn);
    var ours = parts.tracked().deregistrable(binding);
    var targets =
        health.stream()
            .filter(h -> !TargetPlan.DRAINING.equals(h.state()))
            .map(TargetHealth::target)
            .filter(t -> ours.test(TargetKey.of(t)))
            .toList();
    if (targets.isEmpty()) {
      return 0;
    }
    parts.checkpoints().invalidate(binding);
    try {
      parts.registrar().deregister(BindingKey.of(binding), arn, targets);
    } catch (RuntimeException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
      parts.targetGroups().forget(arn);
      return 0;
    }
    return targets.size();
  }

  /** Sets the binding's readiness gate True on every pod still waiting on it, as the reference. */
  void releaseGates(TargetGroupBinding binding) {
    String gate = PodConditions.gateFor(binding.getMetadata().getName());
    String now =
        DateTimeFormatter.ISO_INSTANT.format(
            parts.clock().instant().truncatedTo(ChronoUnit.SECONDS));
    for (SlimPod pod : parts.cluster().pods(binding.getMetadata().getNamespace())) {
      if (PodConditions.hasGate(pod, gate) && !PodConditions.isTrue(pod, gate)) {
        parts
            .writes()
            .patchPodCondition(
                new PodRef(pod.meta().namespace(), pod.meta().name()),
                new PodConditionBuilder()
                    .withType(gate)
                    .withStatus("True")
                    .withReason("TargetGroupBindingDeleted")
                    .withMessage("the TargetGroupBinding was deleted")
                    .withLastTransitionTime(now)
                    .build());
      }
    }
  }
}
