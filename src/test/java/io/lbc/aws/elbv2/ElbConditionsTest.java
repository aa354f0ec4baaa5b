package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleCondition.QueryStringKeyValue;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElbConditionsTest {
  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition.Builder
      sdk(String field) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition.builder()
        .field(field);
  }

  @Test
  void prefersTheFieldConfigOverTheLegacyValuesAwsAlsoReturns() {
    var answer =
        sdk("host-header")
            .values("legacy.example.com")
            .hostHeaderConfig(h -> h.values("b.example.com", "a.example.com"))
            .build();

    assertThat(ElbConditions.fromSdk(answer))
        .isEqualTo(RuleCondition.hostHeader(List.of("b.example.com", "a.example.com")));
  }

  @Test
  void fallsBackToLegacyValuesWhenThereIsNoConfig() {
    assertThat(ElbConditions.fromSdk(sdk("path-pattern").values("/b", "/a").build()))
        .isEqualTo(RuleCondition.pathPattern(List.of("/b", "/a")));
  }

  @Test
  void everyFieldRoundTripsInOrderWithoutSortingValues() {
    var conditions =
        List.of(
            RuleCondition.pathPattern(List.of("/z", "/a*")),
            RuleCondition.hostHeader(List.of("www.example.com")),
            RuleCondition.httpHeader("X-Canary", List.of("yes", "true")),
            RuleCondition.httpRequestMethod(List.of("POST", "GET")),
            RuleCondition.queryString(
                Arrays.asList(
                    new QueryStringKeyValue(null, "any-key"), new QueryStringKeyValue("v", "2"))),
            RuleCondition.sourceIp(List.of("10.0.0.0/8", "192.168.0.0/16")));

    var sent = ElbConditions.toSdk(conditions);

    assertThat(sent.get(0).hasValues()).as("legacy Values are not sent").isFalse();
    assertThat(ElbConditions.fromSdk(sent)).isEqualTo(conditions);
  }
}
