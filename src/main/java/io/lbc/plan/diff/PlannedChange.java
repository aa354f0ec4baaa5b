package io.lbc.plan.diff;

import java.util.List;

/**
 * One resource a deploy would change.
 *
 * @param kind the resource's kind as users read it: {@code LoadBalancer}, {@code Listener}, …
 * @param name its name (or, for listeners and rules, its load balancer, port and priority)
 * @param fields what changes: for a create the new values, for a modify old → new
 */
public record PlannedChange(Action action, String kind, String name, List<FieldChange> fields) {
  public enum Action {
    CREATE("+"),
    MODIFY("~"),
    DELETE("-");

    private final String symbol;

    Action(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** A field's value before and after; {@code before} is null for a create. */
  public record FieldChange(String field, Object before, Object after) {}
}
