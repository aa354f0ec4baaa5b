package io.lbc.model.elbv2;

import java.util.List;

/**
 * One condition of a listener rule; the config matching {@code field} is set. Host-header,
 * path-pattern and http-header configs hold either values (ALB wildcards) or regex values (ALB
 * {@code RegexValues}), never both: the other list is null.
 */
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

  public static RuleCondition hostHeaderRegex(List<String> regexValues) {
    return new RuleCondition(
        "host-header", ValuesConfig.regex(regexValues), null, null, null, null, null);
  }

  public static RuleCondition pathPattern(List<String> values) {
    return new RuleCondition(
        "path-pattern", null, null, null, new ValuesConfig(values), null, null);
  }

  public static RuleCondition pathPatternRegex(List<String> regexValues) {
    return new RuleCondition(
        "path-pattern", null, null, null, ValuesConfig.regex(regexValues), null, null);
  }

  public static RuleCondition httpHeader(String name, List<String> values) {
    return new RuleCondition(
        "http-header", null, new HttpHeaderConfig(name, values, null), null, null, null, null);
  }

  public static RuleCondition httpHeaderRegex(String name, List<String> regexValues) {
    return new RuleCondition(
        "http-header", null, new HttpHeaderConfig(name, null, regexValues), null, null, null, null);
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

  /** Values, or (host-header and path-pattern only) regex values; the unused one is null. */
  public record ValuesConfig(List<String> values, List<String> regexValues) {
    public ValuesConfig(List<String> values) {
      this(values, null);
    }

    static ValuesConfig regex(List<String> regexValues) {
      return new ValuesConfig(null, regexValues);
    }

    /** The values, none when this holds regex values. */
    public List<String> valuesOrEmpty() {
      return values == null ? List.of() : values;
    }

    /** The regex values, none when this holds plain values. */
    public List<String> regexValuesOrEmpty() {
      return regexValues == null ? List.of() : regexValues;
    }
  }

  public record HttpHeaderConfig(
      String httpHeaderName, List<String> values, List<String> regexValues) {}

  public record QueryStringConfig(List<QueryStringKeyValue> values) {}

  /** A query-string match; a null key matches any key. */
  public record QueryStringKeyValue(String key, String value) {}
}
