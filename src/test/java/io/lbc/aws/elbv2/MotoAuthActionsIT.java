package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.MotoModels;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Pins the emulator extension {@code rig/moto_ext/lbc_moto_ext/elbv2_auth_actions.py} on the raw
 * SDK: jwt-validation actions accepted and read back, an OIDC client secret never returned but kept
 * (and replaced or kept by {@code UseExistingClientSecret} on modify), and authenticate actions
 * refused on an HTTP listener, as AWS does.
 */
@RigTest
class MotoAuthActionsIT {
  private ElasticLoadBalancingV2Client elb;
  private Rig rig;
  private String tg;
  private String http;
  private String https;

  @BeforeEach
  void listeners(Rig rig, AwsTestClients aws) {
    this.rig = rig;
    elb = aws.elbv2();
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "auth");
    String lb =
        elb.createLoadBalancer(r -> r.name("auth").subnets(vpc.publicSubnetIds()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    tg =
        elb.createTargetGroup(
                r -> r.name("auth").protocol("HTTP").port(80).vpcId(vpc.vpcId()).targetType("ip"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    String certificate = AwsFixtures.importCertificate(aws.acm(), "auth.example.com");
    http =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .protocol("HTTP")
                        .port(80)
                        .defaultActions(a -> a.type("forward").targetGroupArn(tg)))
            .listeners()
            .get(0)
            .listenerArn();
    https =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .protocol("HTTPS")
                        .port(443)
                        .certificates(c -> c.certificateArn(certificate))
                        .defaultActions(a -> a.type("forward").targetGroupArn(tg)))
            .listeners()
            .get(0)
            .listenerArn();
  }

  private static AuthenticateOidcActionConfig.Builder oidc() {
    return AuthenticateOidcActionConfig.builder()
        .issuer("https://idp")
        .authorizationEndpoint("https://idp/authorize")
        .tokenEndpoint("https://idp/token")
        .userInfoEndpoint("https://idp/userinfo")
        .clientId("client");
  }

  private Action forward() {
    return Action.builder().type("forward").order(2).targetGroupArn(tg).build();
  }

  private String rule(String listener, Action first) {
    return elb.createRule(
            r ->
                r.listenerArn(listener)
                    .priority(1)
                    .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/")))
                    .actions(first, forward()))
        .rules()
        .get(0)
        .ruleArn();
  }

  private Rule described(String ruleArn) {
    return elb.describeRules(r -> r.ruleArns(ruleArn)).rules().get(0);
  }

  @Test
  void anOidcClientSecretIsKeptButNeverReturned() {
    String rule =
        rule(
            https,
            Action.builder()
                .type("authenticate-oidc")
                .order(1)
                .authenticateOidcConfig(oidc().clientSecret("first").build())
                .build());

    var read = described(rule).actions().get(0).authenticateOidcConfig();
    assertThat(read.clientId()).isEqualTo("client");
    assertThat(read.clientSecret()).isNull();
    assertThat(MotoModels.oidcClientSecret(rig, "FakeListenerRule", rule)).contains("first");

    elb.modifyRule(
        r ->
            r.ruleArn(rule)
                .actions(
                    Action.builder()
                        .type("authenticate-oidc")
                        .order(1)
                        .authenticateOidcConfig(oidc().useExistingClientSecret(true).build())
                        .build(),
                    forward()));
    assertThat(MotoModels.oidcClientSecret(rig, "FakeListenerRule", rule)).contains("first");

    elb.modifyRule(
        r ->
            r.ruleArn(rule)
                .actions(
                    Action.builder()
                        .type("authenticate-oidc")
                        .order(1)
                        .authenticateOidcConfig(oidc().clientSecret("second").build())
                        .build(),
                    forward()));
    assertThat(MotoModels.oidcClientSecret(rig, "FakeListenerRule", rule)).contains("second");

    assertThatThrownBy(
            () ->
                elb.modifyRule(
                    r ->
                        r.ruleArn(rule)
                            .actions(
                                Action.builder()
                                    .type("authenticate-oidc")
                                    .order(1)
                                    .authenticateOidcConfig(oidc().build())
                                    .build(),
                                forward())))
        .satisfies(e -> assertThat(AwsErrors.hasCode(e, "ValidationError")).isTrue());
  }

  @Test
  void jwtValidationIsAcceptedAndReadBack() {
    String rule =
        rule(
            https,
            Action.builder()
                .type("jwt-validation")
                .order(1)
                .jwtValidationConfig(
                    j ->
                        j.jwksEndpoint("https://idp/jwks")
                            .issuer("https://idp")
                            .additionalClaims(
                                c -> c.name("groups").format("string-array").values("a", "b")))
                .build());

    var jwt = described(rule).actions().get(0).jwtValidationConfig();
    assertThat(jwt.jwksEndpoint()).isEqualTo("https://idp/jwks");
    assertThat(jwt.issuer()).isEqualTo("https://idp");
    assertThat(jwt.additionalClaims().get(0).values()).containsExactly("a", "b");
  }

  @Test
  void authenticateActionsAreRefusedOnAnHttpListener() {
    assertThatThrownBy(
            () ->
                rule(
                    http,
                    Action.builder()
                        .type("authenticate-cognito")
                        .order(1)
                        .authenticateCognitoConfig(
                            c ->
                                c.userPoolArn("arn:aws:cognito-idp:us-west-2:1:userpool/p")
                                    .userPoolClientId("client")
                                    .userPoolDomain("domain"))
                        .build()))
        .satisfies(e -> assertThat(AwsErrors.hasCode(e, "InvalidLoadBalancerAction")).isTrue());
  }
}
