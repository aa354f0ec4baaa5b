package io.lbc.ingress;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lbc.annotations.Annotations;
import io.lbc.ingress.BackendAnnotations.ConditionJson;
import io.lbc.ingress.BackendAnnotations.KeyValueJson;
import io.lbc.ingress.BackendAnnotations.QueryStringJson;
import io.lbc.ingress.BackendAnnotations.ValuesJson;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleCondition.QueryStringKeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code conditions.<name>} annotations (compat-spec §1.3 #28), checked once for both the model
 * builder and the Ingress webhook, so that the webhook refuses exactly what the builder refuses,
 * with the same message: a known {@code field}, that field's config, values given, exactly one of
 * values and regexValues (host-header, path-pattern, http-header), and regex values that compile.
 */
public final class ConditionAnnotations {
  static final List<String> FIELDS =
      List.of(
          "host-header",
          "http-header",
          "http-request-method",
          "path-pattern",
          "query-string",
          "source-ip");
  private static final TypeReference<List<ConditionJson>> LIST = new TypeReference<>() {};

  private ConditionAnnotations() {}

  /**
   * Checks every conditions annotation of an Ingress, referenced by a backend or not.
   *
   * @throws UserInputException naming the first bad annotation
   */
  public static void checkAll(Map<String, String> ingressAnnotations) {
    Annotations annotations = Annotations.ingress(ingressAnnotations);
    String prefix = BackendResolver.CONDITIONS;
    for (String suffix : new TreeSet<>(annotations.withSuffixPrefix(prefix).keySet())) {
      read(annotations, suffix);
    }
  }

  /** The conditions of one annotation, checked; none when it is absent or JSON null. */
  static List<RuleCondition> read(Annotations annotations, String suffix) {
    List<ConditionJson> conditions = annotations.json(suffix, LIST).orElse(null);
    if (conditions == null) {
      return List.of();
    }
    var result = new ArrayList<RuleCondition>();
    for (int i = 0; i < conditions.size(); i++) {
      ConditionJson condition = conditions.get(i);
      Optional<String> problem = problem(condition);
      if (problem.isPresent()) {
        throw annotations.invalid(suffix, "condition " + i + ": " + problem.get());
      }
      result.add(toCondition(condition));
    }
    return List.copyOf(result);
  }

  static Optional<String> problem(ConditionJson c) {
    if (c == null) {
      return Optional.of("must be an object");
    }
    if (c.field() == null || c.field().isEmpty()) {
      return Optional.of("field must be one of " + String.join(", ", FIELDS));
    }
    return switch (c.field()) {
      case "host-header" -> values(c.hostHeaderConfig(), "hostHeaderConfig");
      case "path-pattern" -> values(c.pathPatternConfig(), "pathPatternConfig");
      case "http-header" ->
          missing(c.httpHeaderConfig(), "httpHeaderConfig")
              .or(() -> headerName(c.httpHeaderConfig().httpHeaderName()))
              .or(
                  () ->
                      values(
                          new ValuesJson(
                              c.httpHeaderConfig().values(), c.httpHeaderConfig().regexValues()),
                          "httpHeaderConfig"));
      case "http-request-method" ->
          missing(c.httpRequestMethodConfig(), "httpRequestMethodConfig")
              .or(() -> nonEmpty(c.httpRequestMethodConfig().values(), "httpRequestMethodConfig"));
      case "query-string" ->
          missing(c.queryStringConfig(), "queryStringConfig")
              .or(() -> queryString(c.queryStringConfig()));
      case "source-ip" ->
          missing(c.sourceIPConfig(), "sourceIPConfig")
              .or(() -> nonEmpty(c.sourceIPConfig().values(), "sourceIPConfig"))
              .or(() -> sourceCidrs(c.sourceIPConfig().values()));
      default ->
          Optional.of(
              "unknown field \"" + c.field() + "\"; must be one of " + String.join(", ", FIELDS));
    };
  }

  private static RuleCondition toCondition(ConditionJson c) {
    return switch (c.field()) {
      case "host-header" ->
          regex(c.hostHeaderConfig())
              ? RuleCondition.hostHeaderRegex(List.copyOf(c.hostHeaderConfig().regexValues()))
              : RuleCondition.hostHeader(List.copyOf(c.hostHeaderConfig().values()));
      case "path-pattern" ->
          regex(c.pathPatternConfig())
              ? RuleCondition.pathPatternRegex(List.copyOf(c.pathPatternConfig().regexValues()))
              : RuleCondition.pathPattern(List.copyOf(c.pathPatternConfig().values()));
      case "http-header" ->
          regex(new ValuesJson(c.httpHeaderConfig().values(), c.httpHeaderConfig().regexValues()))
              ? RuleCondition.httpHeaderRegex(
                  c.httpHeaderConfig().httpHeaderName(),
                  List.copyOf(c.httpHeaderConfig().regexValues()))
              : RuleCondition.httpHeader(
                  c.httpHeaderConfig().httpHeaderName(),
                  List.copyOf(c.httpHeaderConfig().values()));
      case "http-request-method" ->
          RuleCondition.httpRequestMethod(List.copyOf(c.httpRequestMethodConfig().values()));
      case "query-string" ->
          RuleCondition.queryString(
              c.queryStringConfig().values().stream()
                  .map(p -> new QueryStringKeyValue(p.key(), p.value()))
                  .toList());
      default -> RuleCondition.sourceIp(List.copyOf(c.sourceIPConfig().values()));
    };
  }

  /** Whether a checked config holds regex values rather than values. */
  private static boolean regex(ValuesJson config) {
    return config.regexValues() != null && !config.regexValues().isEmpty();
  }

  private static Optional<String> missing(Object config, String name) {
    return config == null ? Optional.of("missing " + name) : Optional.empty();
  }

  private static Optional<String> values(ValuesJson config, String name) {
    if (config == null) {
      return missing(null, name);
    }
    boolean hasValues = config.values() != null && !config.values().isEmpty();
    boolean hasRegex = config.regexValues() != null && !config.regexValues().isEmpty();
    if (!hasValues && !hasRegex) {
      return Optional.of("invalid " + name + ": values or regexValues must be specified");
    }
    if (hasValues && hasRegex) {
      return Optional.of(
          "invalid " + name + ": precisely one of values and regexValues can be specified");
    }
    if (hasRegex) {
      return RegexValues.problem(config.regexValues()).map(p -> "invalid " + name + ": " + p);
    }
    return Optional.empty();
  }

  private static Optional<String> nonEmpty(List<?> values, String name) {
    return values == null || values.isEmpty()
        ? Optional.of("invalid " + name + ": values cannot be empty")
        : Optional.empty();
  }

  private static Optional<String> headerName(String name) {
    return name == null || name.isEmpty()
        ? Optional.of("invalid httpHeaderConfig: httpHeaderName must be specified")
        : Optional.empty();
  }

  private static Optional<String> queryString(QueryStringJson config) {
    if (config.values() == null || config.values().isEmpty()) {
      return Optional.of("invalid queryStringConfig: Values cannot be empty");
    }
    for (KeyValueJson pair : config.values()) {
      if (pair == null || pair.value() == null || pair.value().isEmpty()) {
        return Optional.of("invalid queryStringConfig: value cannot be empty");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> sourceCidrs(List<String> values) {
    for (String value : values) {
      if (value == null || !Cidrs.valid(value)) {
        return Optional.of("invalid sourceIPConfig: \"" + value + "\" is not a CIDR");
      }
    }
    return Optional.empty();
  }
}
