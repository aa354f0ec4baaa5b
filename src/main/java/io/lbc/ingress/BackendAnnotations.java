package io.lbc.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON of the {@code actions.<name>} and {@code conditions.<name>} annotations (compat-spec
 * §1.3 #27–#28), as users write it. Field names match case-insensitively; unknown ones are ignored.
 */
final class BackendAnnotations {
  private BackendAnnotations() {}

  record ActionJson(
      String type,
      String targetGroupARN,
      String targetGroupName,
      FixedResponseJson fixedResponseConfig,
      RedirectJson redirectConfig,
      ForwardJson forwardConfig) {}

  record FixedResponseJson(String contentType, String messageBody, String statusCode) {}

  record RedirectJson(
      String host, String path, String port, String protocol, String query, String statusCode) {}

  record ForwardJson(
      List<TargetGroupJson> targetGroups, StickinessJson targetGroupStickinessConfig) {}

  /**
   * @param servicePort a number or a port name; numbers written as strings count as numbers
   */
  record TargetGroupJson(
      String targetGroupARN,
      String targetGroupName,
      String serviceName,
      JsonNode servicePort,
      Integer weight) {}

  record StickinessJson(Boolean enabled, Integer durationSeconds) {}

  record ConditionJson(
      String field,
      ValuesJson hostHeaderConfig,
      HttpHeaderJson httpHeaderConfig,
      ValuesJson httpRequestMethodConfig,
      ValuesJson pathPatternConfig,
      QueryStringJson queryStringConfig,
      ValuesJson sourceIPConfig) {}

  record ValuesJson(List<String> values, List<String> regexValues) {}

  record HttpHeaderJson(String httpHeaderName, List<String> values, List<String> regexValues) {}

  record QueryStringJson(List<KeyValueJson> values) {}

  record KeyValueJson(String key, String value) {}
}
