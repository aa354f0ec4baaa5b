package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;

/**
 * Pins the emulator extension {@code rig/moto_ext/lbc_moto_ext/elbv2_rule_transforms.py} on the raw
 * SDK: rule Transforms stored, returned, kept by a ModifyRule without them, replaced, and removed
 * by ResetTransforms; RegexValues accepted on host-header, path-pattern and http-header conditions
 * and refused together with Values, as AWS does.
 */
@RigTest
class MotoRuleTransformsIT {
  private ElasticLoadBalancingV2Client elb;
  private String listener;
  private Action forward;

  @BeforeEach
  void listener(AwsTestClients aws) {
    elb = aws.elbv2();
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "rewrites");
    String lb =
        elb.createLoadBalancer(r -> r.name("rewrites").subnets(vpc.publicSubnetIds()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tg =
        elb.createTargetGroup(r -> r.name("rewrites").protocol("HTTP").port(80).vpcId(vpc.vpcId()))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    forward = Action.builder().type("forward").targetGroupArn(tg).build();
    listener =
        elb.createListener(
                r -> r.loadBalancerArn(lb).protocol("HTTP").port(80).defaultActions(forward))
            .listeners()
            .get(0)
            .listenerArn();
  }

  private static RuleTransform urlRewrite(String regex, String replace) {
    return RuleTransform.builder()
        .type("url-rewrite")
        .urlRewriteConfig(c -> c.rewrites(r -> r.regex(regex).replace(replace)))
        .build();
  }

  private Rule only() {
    return elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
        .filter(r -> !r.isDefault())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void transformsAreStoredKeptReplacedAndReset() {
    RuleTransform host =
        RuleTransform.builder()
            .type("host-header-rewrite")
            .hostHeaderRewriteConfig(c -> c.rewrites(r -> r.regex("^a$").replace("b")))
            .build();
    String arn =
        elb.createRule(
                r ->
                    r.listenerArn(listener)
                        .priority(1)
                        .actions(forward)
                        .conditions(
                            c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/x")))
                        .transforms(urlRewrite("^/x/(.*)$", "/$1"), host))
            .rules()
            .get(0)
            .ruleArn();
    assertThat(only().transforms()).containsExactly(urlRewrite("^/x/(.*)$", "/$1"), host);

    elb.modifyRule(r -> r.ruleArn(arn).actions(forward));
    assertThat(only().transforms()).as("a ModifyRule without Transforms keeps them").hasSize(2);

    elb.modifyRule(r -> r.ruleArn(arn).actions(forward).transforms(urlRewrite("^/y$", "/z")));
    assertThat(only().transforms()).containsExactly(urlRewrite("^/y$", "/z"));

    elb.modifyRule(r -> r.ruleArn(arn).actions(forward).resetTransforms(true));
    assertThat(only().transforms()).isEmpty();

    assertThatThrownBy(
            () ->
                elb.modifyRule(
                    r -> r.ruleArn(arn).transforms(urlRewrite("a", "b")).resetTransforms(true)))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
    assertThatThrownBy(
            () ->
                elb.modifyRule(
                    r ->
                        r.ruleArn(arn)
                            .transforms(
                                RuleTransform.builder()
                                    .type("url-rewrite")
                                    .hostHeaderRewriteConfig(
                                        c -> c.rewrites(w -> w.regex("a").replace("b")))
                                    .build())))
        .as("a url-rewrite needs its UrlRewriteConfig")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
  }

  @Test
  void regexValuesAreAcceptedAndReadBack() {
    List<RuleCondition> conditions =
        List.of(
            RuleCondition.builder()
                .field("host-header")
                .hostHeaderConfig(h -> h.regexValues("^(www|shop)\\.example\\.org$"))
                .build(),
            RuleCondition.builder()
                .field("path-pattern")
                .pathPatternConfig(p -> p.regexValues("api/v[0-9]+/.*"))
                .build(),
            RuleCondition.builder()
                .field("http-header")
                .httpHeaderConfig(h -> h.httpHeaderName("User-Agent").regexValues(".*Mobile.*"))
                .build());
    elb.createRule(
        r -> r.listenerArn(listener).priority(1).actions(forward).conditions(conditions));

    Rule rule = only();
    assertThat(rule.conditions())
        .extracting(RuleCondition::field)
        .containsExactly("host-header", "path-pattern", "http-header");
    assertThat(rule.conditions().get(0).hostHeaderConfig().regexValues())
        .containsExactly("^(www|shop)\\.example\\.org$");
    assertThat(rule.conditions().get(1).pathPatternConfig().regexValues())
        .containsExactly("api/v[0-9]+/.*");
    assertThat(rule.conditions().get(2).httpHeaderConfig().regexValues())
        .containsExactly(".*Mobile.*");

    assertThatThrownBy(
            () ->
                elb.createRule(
                    r ->
                        r.listenerArn(listener)
                            .priority(2)
                            .actions(forward)
                            .conditions(
                                c ->
                                    c.field("path-pattern")
                                        .pathPatternConfig(p -> p.values("/a").regexValues("b")))))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
  }
}
