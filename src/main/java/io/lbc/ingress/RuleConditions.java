package io.lbc.ingress;

import io.lbc.model.elbv2.RuleCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of one rule (compat-spec §1.3 #28): those of the {@code conditions.<name>}
 * annotation ({@link ConditionAnnotations}), then the host and the path. Host and path values from
 * the annotation join the rule's own; a rule with no condition at all matches {@code /*}.
 */
final class RuleConditions {
  private RuleConditions() {}

  /**
   * Annotation conditions other than host and path, then one host-header and one path-pattern
   * condition joining the rule's values with the annotation's.
   */
  static List<RuleCondition> combine(
      List<String> hosts, List<String> paths, List<RuleCondition> fromAnnotation) {
    var hostValues = new ArrayList<String>(hosts);
    var pathValues = new ArrayList<String>(paths);
    var result = new ArrayList<RuleCondition>();
    for (RuleCondition condition : fromAnnotation) {
      switch (condition.field()) {
        case "host-header" -> hostValues.addAll(condition.hostHeaderConfig().values());
        case "path-pattern" -> pathValues.addAll(condition.pathPatternConfig().values());
        default -> result.add(condition);
      }
    }
    if (!hostValues.isEmpty()) {
      result.add(RuleCondition.hostHeader(List.copyOf(hostValues)));
    }
    if (!pathValues.isEmpty()) {
      result.add(RuleCondition.pathPattern(List.copyOf(pathValues)));
    }
    if (result.isEmpty()) {
      result.add(RuleCondition.pathPattern(List.of("/*")));
    }
    return List.copyOf(result);
  }
}
