package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Upserts a status condition, keeping its transition time when the status does not change. */
public final class Conditions {
  /** The condition this controller sets on the objects it manages. */
  public static final String LOAD_BALANCER_READY = "elbv2.k8s.aws/LoadBalancerReady";

  private Conditions() {}

  public static List<Condition> upsert(
      List<Condition> current,
      String type,
      boolean ok,
      String reason,
      String message,
      Long generation,
      Clock clock) {
    var result = new ArrayList<Condition>();
    Condition previous = null;
    for (Condition condition : current == null ? List.<Condition>of() : current) {
      if (type.equals(condition.getType())) {
        previous = condition;
      } else {
        result.add(condition);
      }
    }
    String status = ok ? "True" : "False";
    String transition =
        previous != null && status.equals(previous.getStatus())
            ? previous.getLastTransitionTime()
            : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    result.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(truncate(message))
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return result;
  }

  /** True when the condition of that type already says exactly this. */
  public static boolean holds(
      List<Condition> current, String type, boolean ok, String reason, String message) {
    if (current == null) {
      return false;
    }
    return current.stream()
        .anyMatch(
            c ->
                type.equals(c.getType())
                    && (ok ? "True" : "False").equals(c.getStatus())
                    && reason.equals(c.getReason())
                    && Objects.equals(truncate(message), c.getMessage()));
  }

  private static String truncate(String message) {
    return message.length() <= 4096 ? message : message.substring(0, 4093) + "...";
  }
}
