package io.lbc.deploy.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.elbv2.Rule;
import io.lbc.model.StackJson;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.AuthenticateOidcConfig;
import io.lbc.model.elbv2.ClientSecret;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSecretVersionsTest {
  private static final Action FORWARD = Action.forward(Token.of("arn:tg/a"));
  private static final List<RuleCondition> PATH = List.of(RuleCondition.pathPattern(List.of("/a")));

  private static Action oidc(ClientSecret secret) {
    return Action.authenticateOidc(
        new AuthenticateOidcConfig(
            "https://idp",
            "https://idp/authorize",
            "https://idp/token",
            "https://idp/userinfo",
            "client",
            secret,
            null,
            "authenticate",
            "openid",
            "AWSELBAuthSessionCookie",
            604800L));
  }

  /** A rule as DescribeRules answers it (no secret), with the version its tags record. */
  private static Rule actual(Map<String, String> tags) {
    return new Rule(
        "arn:rule",
        1,
        false,
        ClientSecretVersions.recorded(List.of(oidc(null), FORWARD), tags),
        PATH);
  }

  private static RulePlan plan(String desiredVersion, Map<String, String> actualTags) {
    var desired =
        new RulePlan.Desired(
            "443:1", 1, List.of(oidc(new ClientSecret("s3cret", desiredVersion)), FORWARD), PATH);
    return RulePlan.between(List.of(desired), List.of(actual(actualTags)));
  }

  @Test
  void theSameSecretVersionMeansNoWriteAlthoughAwsNeverReturnsTheSecret() {
    assertThat(plan("uid/7", Map.of(ClientSecretVersions.TAG, "uid/7")).isEmpty()).isTrue();
  }

  @Test
  void aRotatedSecretModifiesTheRuleInPlace() {
    RulePlan plan = plan("uid/8", Map.of(ClientSecretVersions.TAG, "uid/7"));
    assertThat(plan.modifies()).hasSize(1);
    assertThat(plan.creates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void aRuleWithoutTheTagIsWrittenOnceToRecordIt() {
    assertThat(plan("uid/7", Map.of()).modifies()).hasSize(1);
  }

  @Test
  void theTagHoldsTheVersionOnlyWhenAnOidcActionIsDesired() {
    Map<String, String> base = Map.of("k", "v");
    assertThat(ClientSecretVersions.tags(base, List.of(FORWARD))).isEqualTo(base);
    assertThat(
            ClientSecretVersions.tags(
                base, List.of(oidc(new ClientSecret("s3cret", "uid/7")), FORWARD)))
        .isEqualTo(Map.of("k", "v", ClientSecretVersions.TAG, "uid/7"));
  }

  @Test
  void theSecretValueNeverShowsInTheStackJsonNorInToString() {
    Action action = oidc(new ClientSecret("s3cret", "uid/7"));
    assertThat(StackJson.write(action)).doesNotContain("s3cret").contains("[REDACTED]", "uid/7");
    assertThat(action.toString()).doesNotContain("s3cret");
  }
}
