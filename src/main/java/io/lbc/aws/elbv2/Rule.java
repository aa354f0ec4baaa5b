package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleTransform;
import java.util.List;

/**
 * A listener rule; the listener's default rule has {@code isDefault} and priority {@code
 * Integer.MAX_VALUE}.
 */
public record Rule(
    String arn,
    int priority,
    boolean isDefault,
    List<Action> actions,
    List<RuleCondition> conditions,
    List<RuleTransform> transforms) {

  public Rule {
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
  }

  /** A rule without transforms. */
  public Rule(
      String arn,
      int priority,
      boolean isDefault,
      List<Action> actions,
      List<RuleCondition> conditions) {
    this(arn, priority, isDefault, actions, conditions, List.of());
  }
}
