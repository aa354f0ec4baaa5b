package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleCondition.QueryStringKeyValue;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;

/**
 * Converts rule conditions between the model and the SDK. Conditions and their values keep the
 * order AWS returns (the order they were sent in). We send only the per-field config; AWS also
 * answers host-header and path-pattern with the legacy {@code Values}, which is read only when the
 * config is missing. Host-header, path-pattern and http-header configs carry either values or regex
 * values; AWS answers the unused one as an empty list, read back as absent.
 */
final class ElbConditions {
  private ElbConditions() {}

  static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition> toSdk(
      List<RuleCondition> conditions) {
    return conditions.stream().map(ElbConditions::toSdk).toList();
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition toSdk(
      RuleCondition condition) {
    var builder =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition.builder()
            .field(condition.field());
    if (condition.hostHeaderConfig() != null) {
      builder.hostHeaderConfig(
          HostHeaderConditionConfig.builder()
              .values(condition.hostHeaderConfig().values())
              .regexValues(condition.hostHeaderConfig().regexValues())
              .build());
    }
    if (condition.pathPatternConfig() != null) {
      builder.pathPatternConfig(
          PathPatternConditionConfig.builder()
              .values(condition.pathPatternConfig().values())
              .regexValues(condition.pathPatternConfig().regexValues())
              .build());
    }
    if (condition.httpHeaderConfig() != null) {
      builder.httpHeaderConfig(
          HttpHeaderConditionConfig.builder()
              .httpHeaderName(condition.httpHeaderConfig().httpHeaderName())
              .values(condition.httpHeaderConfig().values())
              .regexValues(condition.httpHeaderConfig().regexValues())
              .build());
    }
    if (condition.httpRequestMethodConfig() != null) {
      builder.httpRequestMethodConfig(
          HttpRequestMethodConditionConfig.builder()
              .values(condition.httpRequestMethodConfig().values())
              .build());
    }
    if (condition.queryStringConfig() != null) {
      builder.queryStringConfig(
          QueryStringConditionConfig.builder()
              .values(
                  condition.queryStringConfig().values().stream()
                      .map(
                          kv ->
                              QueryStringKeyValuePair.builder()
                                  .key(kv.key())
                                  .value(kv.value())
                                  .build())
                      .toList())
              .build());
    }
    if (condition.sourceIPConfig() != null) {
      builder.sourceIpConfig(
          SourceIpConditionConfig.builder().values(condition.sourceIPConfig().values()).build());
    }
    return builder.build();
  }

  static List<RuleCondition> fromSdk(
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition> conditions) {
    return conditions.stream().map(ElbConditions::fromSdk).toList();
  }

  static RuleCondition fromSdk(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition sdk) {
    String field = sdk.field();
    List<String> legacy = List.copyOf(sdk.values());
    switch (field) {
      case "host-header":
        HostHeaderConditionConfig host = sdk.hostHeaderConfig();
        return host != null && host.hasRegexValues() && !host.regexValues().isEmpty()
            ? RuleCondition.hostHeaderRegex(List.copyOf(host.regexValues()))
            : RuleCondition.hostHeader(host != null ? List.copyOf(host.values()) : legacy);
      case "path-pattern":
        PathPatternConditionConfig path = sdk.pathPatternConfig();
        return path != null && path.hasRegexValues() && !path.regexValues().isEmpty()
            ? RuleCondition.pathPatternRegex(List.copyOf(path.regexValues()))
            : RuleCondition.pathPattern(path != null ? List.copyOf(path.values()) : legacy);
      case "http-header":
        HttpHeaderConditionConfig header = sdk.httpHeaderConfig();
        if (header == null) {
          return unknown(field);
        }
        return header.hasRegexValues() && !header.regexValues().isEmpty()
            ? RuleCondition.httpHeaderRegex(
                header.httpHeaderName(), List.copyOf(header.regexValues()))
            : RuleCondition.httpHeader(header.httpHeaderName(), List.copyOf(header.values()));
      case "http-request-method":
        return sdk.httpRequestMethodConfig() == null
            ? unknown(field)
            : RuleCondition.httpRequestMethod(List.copyOf(sdk.httpRequestMethodConfig().values()));
      case "query-string":
        return sdk.queryStringConfig() == null
            ? unknown(field)
            : RuleCondition.queryString(
                sdk.queryStringConfig().values().stream()
                    .map(kv -> new QueryStringKeyValue(kv.key(), kv.value()))
                    .toList());
      case "source-ip":
        return sdk.sourceIpConfig() == null
            ? unknown(field)
            : RuleCondition.sourceIp(List.copyOf(sdk.sourceIpConfig().values()));
      default:
        return unknown(field);
    }
  }

  private static RuleCondition unknown(String field) {
    return new RuleCondition(field, null, null, null, null, null, null);
  }
}
