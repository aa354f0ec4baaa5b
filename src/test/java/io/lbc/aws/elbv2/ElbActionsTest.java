package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.AdditionalClaim;
import io.lbc.model.elbv2.Action.AuthenticateCognitoConfig;
import io.lbc.model.elbv2.Action.AuthenticateOidcConfig;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.JwtValidationConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import io.lbc.model.elbv2.ClientSecret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

class ElbActionsTest {
  private static final String TG1 = "arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/a/1";
  private static final String TG2 = "arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/b/2";

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.Builder sdk() {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder();
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple
      tuple(String arn, Integer weight) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple.builder()
        .targetGroupArn(arn)
        .weight(weight)
        .build();
  }

  @Test
  void aSimpleForwardReadsAsTheModelsSingleTargetGroupForwardHoweverAwsSpellsIt() {
    var arnOnly = sdk().type("forward").order(1).targetGroupArn(TG1).build();
    var configWithWeightOne =
        sdk()
            .type("forward")
            .order(1)
            .forwardConfig(ForwardActionConfig.builder().targetGroups(tuple(TG1, 1)).build())
            .build();
    var both =
        sdk()
            .type("forward")
            .order(1)
            .targetGroupArn(TG1)
            .forwardConfig(
                ForwardActionConfig.builder()
                    .targetGroups(tuple(TG1, 1))
                    .targetGroupStickinessConfig(s -> s.enabled(false))
                    .build())
            .build();

    for (var answer : List.of(arnOnly, configWithWeightOne, both)) {
      assertThat(ElbActions.fromSdk(answer)).isEqualTo(Action.forward(Token.of(TG1)));
    }
  }

  @Test
  void weightedForwardsKeepTheirWeightsAndEnabledStickiness() {
    var answer =
        sdk()
            .type("forward")
            .forwardConfig(
                ForwardActionConfig.builder()
                    .targetGroups(tuple(TG1, 80), tuple(TG2, 20))
                    .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(300))
                    .build())
            .build();

    assertThat(ElbActions.fromSdk(answer))
        .isEqualTo(
            Action.forward(
                new ForwardConfig(
                    List.of(
                        new TargetGroupTuple(Token.of(TG1), 80),
                        new TargetGroupTuple(Token.of(TG2), 20)),
                    new TargetGroupStickinessConfig(true, 300))));
  }

  @Test
  void aSingleTargetGroupWithStickinessKeepsItsStickinessButNotItsWeight() {
    var answer =
        sdk()
            .type("forward")
            .forwardConfig(
                ForwardActionConfig.builder()
                    .targetGroups(tuple(TG1, 1))
                    .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(60))
                    .build())
            .build();

    assertThat(ElbActions.fromSdk(answer))
        .isEqualTo(
            Action.forward(
                new ForwardConfig(
                    List.of(new TargetGroupTuple(Token.of(TG1), null)),
                    new TargetGroupStickinessConfig(true, 60))));
  }

  @Test
  void actionsComeInTheirOrderAndRedirectAndFixedResponseAsAwsReturnsThem() {
    var fixed =
        sdk()
            .type("fixed-response")
            .order(2)
            .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain"))
            .build();
    var redirect =
        sdk()
            .type("redirect")
            .order(1)
            .redirectConfig(
                RedirectActionConfig.builder()
                    .protocol("HTTPS")
                    .port("443")
                    .host("#{host}")
                    .path("/#{path}")
                    .query("#{query}")
                    .statusCode("HTTP_301")
                    .build())
            .build();

    assertThat(ElbActions.fromSdk(List.of(fixed, redirect)))
        .containsExactly(
            Action.redirect(
                new RedirectConfig("#{host}", "/#{path}", "443", "HTTPS", "#{query}", "HTTP_301")),
            Action.fixedResponse(new FixedResponseConfig("text/plain", null, "404")));
  }

  @Test
  void anAuthenticateActionWithoutItsConfigReadsAsItsTypeAlone() {
    var oidc = sdk().type("authenticate-oidc").order(1).build();

    assertThat(ElbActions.fromSdk(oidc))
        .isEqualTo(new Action("authenticate-oidc", null, null, null));
  }

  private static final AuthenticateOidcConfig OIDC =
      new AuthenticateOidcConfig(
          "https://idp",
          "https://idp/authorize",
          "https://idp/token",
          "https://idp/userinfo",
          "client",
          new ClientSecret("s3cret", "uid/1"),
          Map.of(),
          "authenticate",
          "openid",
          "AWSELBAuthSessionCookie",
          604800L);

  @Test
  void anOidcActionSendsItsClientSecretAndReadsBackWithoutIt() {
    var sent = ElbActions.toSdk(Action.authenticateOidc(OIDC), 1);
    assertThat(sent.authenticateOidcConfig().clientSecret()).isEqualTo("s3cret");
    assertThat(sent.authenticateOidcConfig().hasAuthenticationRequestExtraParams())
        .as("empty extra parameters are not sent")
        .isFalse();

    // what AWS answers: everything but the secret
    var answered =
        sent.toBuilder()
            .authenticateOidcConfig(
                sent.authenticateOidcConfig().toBuilder().clientSecret(null).build())
            .build();
    assertThat(ElbActions.fromSdk(answered))
        .isEqualTo(
            Action.authenticateOidc(
                new AuthenticateOidcConfig(
                    "https://idp",
                    "https://idp/authorize",
                    "https://idp/token",
                    "https://idp/userinfo",
                    "client",
                    null,
                    null,
                    "authenticate",
                    "openid",
                    "AWSELBAuthSessionCookie",
                    604800L)));
  }

  @Test
  void cognitoAndJwtValidationActionsReadBackAsSent() {
    var cognito =
        Action.authenticateCognito(
            new AuthenticateCognitoConfig(
                "arn:aws:cognito-idp:us-west-2:1:userpool/p",
                "client",
                "domain",
                Map.of("prompt", "login"),
                "deny",
                "openid email",
                "cookie",
                3600L));
    var jwt =
        Action.jwtValidation(
            new JwtValidationConfig(
                "https://idp/jwks",
                "https://idp",
                List.of(new AdditionalClaim("groups", "string-array", List.of("a", "b")))));

    assertThat(ElbActions.fromSdk(ElbActions.toSdk(List.of(cognito, jwt))))
        .containsExactly(cognito, jwt);
  }

  @Test
  void sendsActionsNumberedInListOrderAndReadsThemBackUnchanged() {
    var actions =
        List.of(
            Action.fixedResponse(new FixedResponseConfig("text/plain", "gone", "410")),
            Action.forward(
                new ForwardConfig(
                    List.of(
                        new TargetGroupTuple(Token.of(TG1), 3),
                        new TargetGroupTuple(Token.of(TG2), 1)),
                    null)),
            Action.forward(Token.of(TG1)));

    var sent = ElbActions.toSdk(actions);

    assertThat(sent)
        .extracting(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action::order)
        .containsExactly(1, 2, 3);
    assertThat(sent.get(2).forwardConfig().targetGroups()).containsExactly(tuple(TG1, null));
    assertThat(ElbActions.fromSdk(sent)).isEqualTo(actions);
  }

  @Test
  void refusesToSendAnUnresolvedTargetGroupReference() {
    var unresolved =
        Action.forward(
            Token.Ref.to(
                "AWS::ElasticLoadBalancingV2::TargetGroup", "ns/svc:80", "targetGroupARN"));

    assertThatThrownBy(() -> ElbActions.toSdk(List.of(unresolved)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ns/svc:80");
  }
}
