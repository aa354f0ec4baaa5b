package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds Gateway API conditions in a fixed order, each with {@code observedGeneration}, keeping the
 * previous {@code lastTransitionTime} when the status is unchanged. Messages are cut to the
 * apiserver's limit.
 */
public final class GatewayConditions {
  private static final int MAX_MESSAGE = 32_700;

  private final List<Condition> previous;
  private final Long generation;
  private final Clock clock;
  private final List<Condition> result = new ArrayList<>();

  public GatewayConditions(List<Condition> previous, Long generation, Clock clock) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.clock = clock;
  }

  public GatewayConditions set(String type, String status, String reason, String message) {
    String transition =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    result.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(truncate(message == null ? "" : message))
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return this;
  }

  public GatewayConditions set(String type, boolean ok, String reason, String message) {
    return set(type, ok ? "True" : "False", reason, message);
  }

  /** Conditions of other types present before, kept after the ones set here. */
  public List<Condition> build() {
    var all = new ArrayList<>(result);
    for (Condition old : previous) {
      if (result.stream().noneMatch(c -> c.getType().equals(old.getType()))) {
        all.add(old);
      }
    }
    return List.copyOf(all);
  }

  /** Whether two condition lists say the same, transition times aside. */
  public static boolean same(List<Condition> a, List<Condition> b) {
    var left = a == null ? List.<Condition>of() : a;
    var right = b == null ? List.<Condition>of() : b;
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      Condition x = left.get(i);
      Condition y = right.get(i);
      if (!Objects.equals(x.getType(), y.getType())
          || !Objects.equals(x.getStatus(), y.getStatus())
          || !Objects.equals(x.getReason(), y.getReason())
          || !Objects.equals(x.getMessage(), y.getMessage())
          || !Objects.equals(x.getObservedGeneration(), y.getObservedGeneration())) {
        return false;
      }
    }
    return true;
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
  }
}
