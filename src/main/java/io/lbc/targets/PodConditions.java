package io.lbc.targets;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reads pod conditions and readiness gates. */
final class PodConditions {
  /** The prefix of our readiness gates; the suffix is the binding's name. */
  static final String GATE_PREFIX = "target-health.elbv2.k8s.aws/";

  private PodConditions() {}

  static String gateFor(String bindingName) {
    return GATE_PREFIX + bindingName;
  }

  static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  static boolean isTrue(Pod pod, String type) {
    return condition(pod, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  static boolean hasGate(Pod pod, String gate) {
    List<PodReadinessGate> gates =
        pod.getSpec() == null || pod.getSpec().getReadinessGates() == null
            ? List.of()
            : pod.getSpec().getReadinessGates();
    return gates.stream().anyMatch(g -> gate.equals(g.getConditionType()));
  }

  /** When the condition last changed, if the pod has it and the time parses. */
  static Instant transitionTime(Pod pod, String type) {
    return condition(pod, type).map(c -> parse(c.getLastTransitionTime())).orElse(null);
  }

  static Instant parse(String time) {
    if (time == null) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
