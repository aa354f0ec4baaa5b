package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.Token;
import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void literalsAndNullPassReferencesAreRefused() {
    assertThat(Tokens.literal(Token.of("arn:tg"), "targetGroupARN")).isEqualTo("arn:tg");
    assertThat(Tokens.literal(null, "targetGroupARN")).isNull();
    assertThatThrownBy(
            () ->
                Tokens.literal(
                    Token.Ref.to("AWS::ElasticLoadBalancingV2::TargetGroup", "ns/svc:80", "arn"),
                    "targetGroupARN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetGroupARN")
        .hasMessageContaining("#/resources/AWS::ElasticLoadBalancingV2::TargetGroup/ns/svc:80");
  }
}
