package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A condition of a cached pod or node, as both kinds write them: type, status, reason, message and
 * the time it last flipped (heartbeat and probe times are skipped). Its strings are interned: a few
 * thousand objects share their types, statuses and timestamps.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlimCondition(
    String type, String status, String reason, String message, String lastTransitionTime) {
  public SlimCondition {
    type = Strings.intern(type);
    status = Strings.intern(status);
    reason = Strings.intern(reason);
    lastTransitionTime = Strings.intern(lastTransitionTime);
  }

  public boolean isTrue() {
    return "True".equals(status);
  }

  /** The conditions of the types a kind reads, the others dropped while the object is built. */
  static List<SlimCondition> keep(List<SlimCondition> conditions, Predicate<String> type) {
    return Strings.keep(conditions, c -> c.type() != null && type.test(c.type()));
  }

  /** The condition of that type, if the object has it. */
  public static Optional<SlimCondition> find(List<SlimCondition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }
}
