package io.lbc.webhook.networking;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lbc.annotations.Annotations;
import io.lbc.webhook.Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The JSON of {@code alb.ingress.kubernetes.io/conditions.<name>} annotations (compat-spec §1.3 row
 * 28) and its checks: a known {@code field}, that field's config present, values given, and exactly
 * one of values and regexValues where both exist.
 */
final class RuleConditions {
  static final String SUFFIX_PREFIX = "conditions.";
  static final List<String> FIELDS =
      List.of(
          "host-header",
          "http-header",
          "http-request-method",
          "path-pattern",
          "query-string",
          "source-ip");

  record ValuesConfig(List<String> values, List<String> regexValues) {}

  record HttpHeaderConfig(String httpHeaderName, List<String> values, List<String> regexValues) {}

  record MethodConfig(List<String> values) {}

  record KeyValue(String key, String value) {}

  record QueryStringConfig(List<KeyValue> values) {}

  record SourceIpConfig(List<String> values) {}

  record Condition(
      String field,
      ValuesConfig hostHeaderConfig,
      HttpHeaderConfig httpHeaderConfig,
      MethodConfig httpRequestMethodConfig,
      ValuesConfig pathPatternConfig,
      QueryStringConfig queryStringConfig,
      SourceIpConfig sourceIPConfig) {}

  private static final TypeReference<List<Condition>> LIST = new TypeReference<>() {};

  private RuleConditions() {}

  /**
   * Checks every conditions annotation of an Ingress; throws {@link
   * io.lbc.model.UserInputException} naming the first bad annotation.
   */
  static void validate(Map<String, String> ingressAnnotations) {
    Annotations annotations = Annotations.ingress(ingressAnnotations);
    for (String suffix : new TreeSet<>(annotations.withSuffixPrefix(SUFFIX_PREFIX).keySet())) {
      if (annotations.string(suffix).orElse("").strip().equals("null")) {
        continue; // JSON null decodes to no conditions
      }
      List<Condition> conditions = annotations.json(suffix, LIST).orElse(List.of());
      for (int i = 0; i < conditions.size(); i++) {
        Optional<String> problem = problem(conditions.get(i));
        if (problem.isPresent()) {
          throw annotations.invalid(suffix, "condition " + i + ": " + problem.get());
        }
      }
    }
  }

  static Optional<String> problem(Condition c) {
    if (c == null) {
      return Optional.of("must be an object");
    }
    if (c.field() == null || c.field().isEmpty()) {
      return Optional.of("field must be one of " + String.join(", ", FIELDS));
    }
    switch (c.field()) {
      case "host-header":
        return missing(c.hostHeaderConfig(), "hostHeaderConfig")
            .or(
                () ->
                    oneOf(
                        c.hostHeaderConfig().values(),
                        c.hostHeaderConfig().regexValues(),
                        "hostHeaderConfig"));
      case "path-pattern":
        return missing(c.pathPatternConfig(), "pathPatternConfig")
            .or(
                () ->
                    oneOf(
                        c.pathPatternConfig().values(),
                        c.pathPatternConfig().regexValues(),
                        "pathPatternConfig"));
      case "http-header":
        return missing(c.httpHeaderConfig(), "httpHeaderConfig")
            .or(() -> headerName(c.httpHeaderConfig()))
            .or(
                () ->
                    oneOf(
                        c.httpHeaderConfig().values(),
                        c.httpHeaderConfig().regexValues(),
                        "httpHeaderConfig"));
      case "http-request-method":
        return missing(c.httpRequestMethodConfig(), "httpRequestMethodConfig")
            .or(() -> nonEmpty(c.httpRequestMethodConfig().values(), "httpRequestMethodConfig"));
      case "query-string":
        return missing(c.queryStringConfig(), "queryStringConfig")
            .or(() -> queryString(c.queryStringConfig()));
      case "source-ip":
        return missing(c.sourceIPConfig(), "sourceIPConfig")
            .or(() -> nonEmpty(c.sourceIPConfig().values(), "sourceIPConfig"))
            .or(() -> sourceCidrs(c.sourceIPConfig().values()));
      default:
        return Optional.of(
            "unknown field \"" + c.field() + "\"; must be one of " + String.join(", ", FIELDS));
    }
  }

  private static Optional<String> missing(Object config, String name) {
    return config == null ? Optional.of("missing " + name) : Optional.empty();
  }

  private static Optional<String> oneOf(
      List<String> values, List<String> regexValues, String name) {
    boolean hasValues = values != null && !values.isEmpty();
    boolean hasRegex = regexValues != null && !regexValues.isEmpty();
    if (!hasValues && !hasRegex) {
      return Optional.of("invalid " + name + ": values or regexValues must be specified");
    }
    if (hasValues && hasRegex) {
      return Optional.of(
          "invalid " + name + ": precisely one of values and regexValues can be specified");
    }
    return Optional.empty();
  }

  private static Optional<String> nonEmpty(List<?> values, String name) {
    return values == null || values.isEmpty()
        ? Optional.of("invalid " + name + ": values cannot be empty")
        : Optional.empty();
  }

  private static Optional<String> headerName(HttpHeaderConfig config) {
    return config.httpHeaderName() == null || config.httpHeaderName().isEmpty()
        ? Optional.of("invalid httpHeaderConfig: httpHeaderName must be specified")
        : Optional.empty();
  }

  private static Optional<String> queryString(QueryStringConfig config) {
    if (config.values() == null || config.values().isEmpty()) {
      return Optional.of("invalid queryStringConfig: Values cannot be empty");
    }
    for (KeyValue pair : config.values()) {
      if (pair == null || pair.value() == null || pair.value().isEmpty()) {
        return Optional.of("invalid queryStringConfig: value cannot be empty");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> sourceCidrs(List<String> values) {
    for (String value : values) {
      try {
        Cidr.parse(value);
      } catch (IllegalArgumentException e) {
        return Optional.of("invalid sourceIPConfig: \"" + value + "\" is not a CIDR");
      }
    }
    return Optional.empty();
  }
}
