package io.lbc.ingress;

import io.lbc.ingress.BackendAnnotations.ConditionJson;
import io.lbc.ingress.BackendAnnotations.ValuesJson;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleCondition.QueryStringKeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of one rule (compat-spec §1.3 #28): those of the {@code conditions.<name>}
 * annotation, then the host and the path. Host and path values from the annotation join the rule's
 * own; a rule with no condition at all matches {@code /*}.
 */
final class RuleConditions {
  private RuleConditions() {}

  /** The annotation's conditions, validated; host and path ones are kept for {@link #combine}. */
  static List<RuleCondition> fromAnnotation(String field, List<ConditionJson> conditions) {
    var result = new ArrayList<RuleCondition>();
    for (ConditionJson condition : conditions) {
      String name = condition.field() == null ? "" : condition.field();
      switch (name) {
        case "host-header" ->
            result.add(RuleCondition.hostHeader(values(field, name, condition.hostHeaderConfig())));
        case "path-pattern" ->
            result.add(
                RuleCondition.pathPattern(values(field, name, condition.pathPatternConfig())));
        case "http-header" -> {
          var config = condition.httpHeaderConfig();
          if (config == null) {
            throw new UserInputException(field, "an http-header condition needs httpHeaderConfig");
          }
          if (config.httpHeaderName() == null || config.httpHeaderName().isEmpty()) {
            throw new UserInputException(field, "httpHeaderConfig needs httpHeaderName");
          }
          result.add(
              RuleCondition.httpHeader(
                  config.httpHeaderName(),
                  values(field, name, new ValuesJson(config.values(), config.regexValues()))));
        }
        case "http-request-method" ->
            result.add(
                RuleCondition.httpRequestMethod(
                    values(field, name, condition.httpRequestMethodConfig())));
        case "query-string" -> result.add(queryString(field, condition));
        case "source-ip" ->
            result.add(RuleCondition.sourceIp(values(field, name, condition.sourceIPConfig())));
        default ->
            throw new UserInputException(
                field,
                "condition field '"
                    + name
                    + "' is not one of host-header, path-pattern, http-header,"
                    + " http-request-method, query-string, source-ip");
      }
    }
    return result;
  }

  private static List<String> values(String field, String condition, ValuesJson config) {
    if (config == null) {
      throw new UserInputException(field, "the " + condition + " condition has no config");
    }
    if (config.regexValues() != null && !config.regexValues().isEmpty()) {
      throw new UserInputException(
          field,
          "regexValues in the " + condition + " condition are not supported yet; use values");
    }
    if (config.values() == null || config.values().isEmpty()) {
      throw new UserInputException(field, "the " + condition + " condition has no values");
    }
    return List.copyOf(config.values());
  }

  private static RuleCondition queryString(String field, ConditionJson condition) {
    var config = condition.queryStringConfig();
    if (config == null || config.values() == null || config.values().isEmpty()) {
      throw new UserInputException(field, "the query-string condition has no values");
    }
    var pairs = new ArrayList<QueryStringKeyValue>();
    for (var pair : config.values()) {
      if (pair.value() == null || pair.value().isEmpty()) {
        throw new UserInputException(field, "every query-string value needs a value");
      }
      pairs.add(new QueryStringKeyValue(pair.key(), pair.value()));
    }
    return RuleCondition.queryString(pairs);
  }

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
