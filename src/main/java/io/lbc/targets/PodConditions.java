package io.lbc.targets;

import io.lbc.k8s.cache.SlimCondition;
import io.lbc.k8s.cache.SlimPod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads pod conditions and readiness gates. */
final class PodConditions {
  /** The prefix of our readiness gates; the suffix is the binding's name. */
  static final String GATE_PREFIX = SlimPod.GATE_PREFIX;

  private PodConditions() {}

  static String gateFor(String bindingName) {
    return GATE_PREFIX + bindingName;
  }

  static Optional<SlimCondition> condition(SlimPod pod, String type) {
    return pod.condition(type);
  }

  static boolean isTrue(SlimPod pod, String type) {
    return pod.condition(type).map(SlimCondition::isTrue).orElse(false);
  }

  static boolean hasGate(SlimPod pod, String gate) {
    return pod.hasGate(gate);
  }

  /** When the condition last changed, if the pod has it and the time parses. */
  static Instant transitionTime(SlimPod pod, String type) {
    return pod.condition(type).map(c -> parse(c.lastTransitionTime())).orElse(null);
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
