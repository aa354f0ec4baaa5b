package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.Rule;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleTransform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to turn a listener's actual rules into the desired ones with the fewest and safest writes. A
 * rule whose conditions and actions are unchanged is kept (at most moved to a new priority), a rule
 * at the same priority with new content is modified in place — never deleted and re-created, which
 * is how the reference's users got 503s — and only what is left is created or deleted.
 *
 * <p>Applied in order: deletes, then priority moves, then modifications, then creations; at each
 * step every target priority is already free.
 */
record RulePlan(
    List<Rule> deletes,
    Map<Rule, Integer> moves,
    Map<Rule, Desired> modifies,
    List<Desired> creates,
    Map<Desired, Rule> kept) {

  /** A desired rule with its references already resolved. */
  record Desired(
      String resourceId,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms) {
    Desired(String resourceId, int priority, List<Action> actions, List<RuleCondition> conditions) {
      this(resourceId, priority, actions, conditions, List.of());
    }
  }

  static RulePlan between(List<Desired> desired, List<Rule> actual) {
    List<Desired> wanted =
        desired.stream().sorted(Comparator.comparingInt(Desired::priority)).toList();
    List<Rule> present =
        new ArrayList<>(
            actual.stream()
                .filter(r -> !r.isDefault())
                .sorted(Comparator.comparingInt(Rule::priority))
                .toList());
    var kept = new LinkedHashMap<Desired, Rule>();
    var moves = new LinkedHashMap<Rule, Integer>();
    var unmatched = new ArrayList<Desired>();
    for (Desired rule : wanted) {
      Rule same =
          present.stream()
              .filter(r -> sameContent(rule, r))
              .min(Comparator.comparingInt(r -> r.priority() == rule.priority() ? 0 : 1))
              .orElse(null);
      if (same == null) {
        unmatched.add(rule);
        continue;
      }
      present.remove(same);
      kept.put(rule, same);
      if (same.priority() != rule.priority()) {
        moves.put(same, rule.priority());
      }
    }
    var modifies = new LinkedHashMap<Rule, Desired>();
    var creates = new ArrayList<Desired>();
    for (Desired rule : unmatched) {
      Rule atPriority =
          present.stream().filter(r -> r.priority() == rule.priority()).findFirst().orElse(null);
      if (atPriority == null) {
        creates.add(rule);
      } else {
        present.remove(atPriority);
        modifies.put(atPriority, rule);
        kept.put(rule, atPriority);
      }
    }
    return new RulePlan(List.copyOf(present), moves, modifies, creates, kept);
  }

  boolean isEmpty() {
    return deletes.isEmpty() && moves.isEmpty() && modifies.isEmpty() && creates.isEmpty();
  }

  private static boolean sameContent(Desired desired, Rule actual) {
    return ActionComparison.sameConditions(desired.conditions(), actual.conditions())
        && ActionComparison.sameActions(desired.actions(), actual.actions())
        && desired.transforms().equals(actual.transforms());
  }
}
