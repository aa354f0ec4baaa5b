package io.lbc.ingress;

import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.RuleCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of one rule (compat-spec §1.3 #28, #30): those of the {@code conditions.<name>}
 * annotation ({@link ConditionAnnotations}), then the host and the path. Host and path values (and
 * regex values) from the annotation join the rule's own; a rule with no condition at all matches
 * {@code /*}. A host or path condition holds values or regex values, never both: AWS refuses that,
 * so the member is refused first, as the reference does.
 */
final class RuleConditions {
  private RuleConditions() {}

  /** A rule's own host and path matches, as values or (regex path match) regex values. */
  record Matches(List<String> hosts, List<String> paths, List<String> regexPaths) {}

  /**
   * Annotation conditions other than host and path, then the host-header conditions and the
   * path-pattern conditions joining the rule's values with the annotation's.
   *
   * @param field the path the rule comes from, for errors
   */
  static List<RuleCondition> combine(
      String field, Matches own, List<RuleCondition> fromAnnotation) {
    var hostValues = new ArrayList<String>(own.hosts());
    var hostRegex = new ArrayList<String>();
    var pathValues = new ArrayList<String>(own.paths());
    var pathRegex = new ArrayList<String>(own.regexPaths());
    var result = new ArrayList<RuleCondition>();
    for (RuleCondition condition : fromAnnotation) {
      switch (condition.field()) {
        case "host-header" -> {
          hostValues.addAll(condition.hostHeaderConfig().valuesOrEmpty());
          hostRegex.addAll(condition.hostHeaderConfig().regexValuesOrEmpty());
        }
        case "path-pattern" -> {
          pathValues.addAll(condition.pathPatternConfig().valuesOrEmpty());
          pathRegex.addAll(condition.pathPatternConfig().regexValuesOrEmpty());
        }
        default -> result.add(condition);
      }
    }
    requireOneKind(field, "host", hostValues, hostRegex);
    requireOneKind(field, "path", pathValues, pathRegex);
    if (!hostValues.isEmpty()) {
      result.add(RuleCondition.hostHeader(List.copyOf(hostValues)));
    }
    if (!hostRegex.isEmpty()) {
      result.add(RuleCondition.hostHeaderRegex(List.copyOf(hostRegex)));
    }
    if (!pathValues.isEmpty()) {
      result.add(RuleCondition.pathPattern(List.copyOf(pathValues)));
    }
    if (!pathRegex.isEmpty()) {
      result.add(RuleCondition.pathPatternRegex(List.copyOf(pathRegex)));
    }
    if (result.isEmpty()) {
      result.add(RuleCondition.pathPattern(List.of("/*")));
    }
    return List.copyOf(result);
  }

  private static void requireOneKind(
      String field, String what, List<String> values, List<String> regexValues) {
    if (!values.isEmpty() && !regexValues.isEmpty()) {
      throw new UserInputException(
          field,
          what
              + " condition must specify exactly one of values and regexValues, got both values "
              + values
              + " and regexValues "
              + regexValues);
    }
  }
}
