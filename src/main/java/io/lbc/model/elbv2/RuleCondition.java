package io.lbc.model.elbv2;

import java.util.List;

/** One condition of a listener rule; the config matching {@code field} is set. */
public record RuleCondition(
    String field,
    ValuesConfig hostHeaderConfig,
    HttpHeaderConfig httpHeaderConfig,
    ValuesConfig httpRequestMethodConfig,
    ValuesConfig pathPatternConfig,
    QueryStringConfig queryStringConfig,
    ValuesConfig sourceIPConfig) {

  public static RuleCondition hostHeader(List<String> values) {
    return new RuleCondition("host-header", new ValuesConfig(values), null, null, null, null, null);
  }

  public static RuleCondition pathPattern(List<String> values) {
    return new RuleCondition(
        "path-pattern", null, null, null, new ValuesConfig(values), null, null);
  }

  public static RuleCondition httpHeader(String name, List<String> values) {
    return new RuleCondition(
        "http-header", null, new HttpHeaderConfig(name, values), null, null, null, null);
  }

  public static RuleCondition httpRequestMethod(List<String> values) {
    return new RuleCondition(
        "http-request-method", null, null, new ValuesConfig(values), null, null, null);
  }

  public static RuleCondition queryString(List<QueryStringKeyValue> values) {
    return new RuleCondition(
        "query-string", null, null, null, null, new QueryStringConfig(values), null);
  }

  public static RuleCondition sourceIp(List<String> values) {
    return new RuleCondition("source-ip", null, null, null, null, null, new ValuesConfig(values));
  }

  public record ValuesConfig(List<String> values) {}

  public record HttpHeaderConfig(String httpHeaderName, List<String> values) {}

  public record QueryStringConfig(List<QueryStringKeyValue> values) {}

  /** A query-string match; a null key matches any key. */
  public record QueryStringKeyValue(String key, String value) {}
}
