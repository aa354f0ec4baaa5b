package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lbc.aws.PortClients;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleCondition.QueryStringKeyValue;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listener rules through the project's ELBv2 port, against moto. */
@RigTest
class RulesIT {
  record Setup(String listenerArn, String blue, String green) {}

  static Setup listener(AwsTestClients aws, SdkElbv2 elbv2) {
    var alb = ListenersIT.alb(aws, elbv2);
    String green = TargetGroupsIT.createHttpTargetGroup(elbv2, alb.vpc().vpcId(), "green").arn();
    String listener =
        elbv2
            .createListener(
                alb.loadBalancerArn(),
                new ListenerSettings(
                    80,
                    "HTTP",
                    List.of(
                        Action.fixedResponse(new FixedResponseConfig("text/plain", null, "404"))),
                    null,
                    null,
                    List.of()),
                Map.of())
            .arn();
    return new Setup(listener, alb.targetGroupArn(), green);
  }

  static List<RuleCondition> path(String... patterns) {
    return List.of(RuleCondition.pathPattern(List.of(patterns)));
  }

  @Test
  void readsBackEveryConditionAndActionExactlyAsCreated(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = listener(aws, elbv2);
      var conditions =
          List.of(
              RuleCondition.hostHeader(List.of("www.example.com", "*.example.org")),
              RuleCondition.pathPattern(List.of("/api/*", "/v2")),
              RuleCondition.httpHeader("X-Canary", List.of("always")),
              RuleCondition.httpRequestMethod(List.of("GET", "HEAD")),
              RuleCondition.queryString(
                  Arrays.asList(
                      new QueryStringKeyValue("version", "2"),
                      new QueryStringKeyValue(null, "debug"))),
              RuleCondition.sourceIp(List.of("10.0.0.0/8")));
      var weighted =
          Action.forward(
              new ForwardConfig(
                  List.of(
                      new TargetGroupTuple(Token.of(setup.blue()), 90),
                      new TargetGroupTuple(Token.of(setup.green()), 10)),
                  new TargetGroupStickinessConfig(true, 3600)));
      // Every redirect component spelled out: moto echoes what it is sent (rig/moto-gaps.md).
      var redirect =
          Action.redirect(
              new RedirectConfig("#{host}", "/#{path}", "443", "HTTPS", "#{query}", "HTTP_301"));

      Rule canary =
          elbv2.createRule(setup.listenerArn(), 10, List.of(weighted), conditions, Map.of());
      Rule toHttps =
          elbv2.createRule(setup.listenerArn(), 5, List.of(redirect), path("/old/*"), Map.of());
      Rule simple =
          elbv2.createRule(
              setup.listenerArn(),
              7,
              List.of(Action.forward(Token.of(setup.blue()))),
              path("/blue"),
              Map.of());

      assertThat(canary)
          .isEqualTo(new Rule(canary.arn(), 10, false, List.of(weighted), conditions));
      List<Rule> rules = elbv2.describeRules(setup.listenerArn());
      assertThat(rules).extracting(Rule::priority).containsExactly(5, 7, 10, Integer.MAX_VALUE);
      assertThat(rules.subList(0, 3)).containsExactly(toHttps, simple, canary);
      assertThat(rules.get(3).isDefault()).isTrue();
      assertThat(rules.get(3).conditions()).isEmpty();
      assertThat(rules.get(3).actions())
          .containsExactly(
              Action.fixedResponse(new FixedResponseConfig("text/plain", null, "404")));
    }
  }

  @Test
  void modifiesARulesActionsAndConditions(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = listener(aws, elbv2);
      Rule rule =
          elbv2.createRule(
              setup.listenerArn(),
              1,
              List.of(Action.forward(Token.of(setup.blue()))),
              path("/a"),
              Map.of());
      var gone = Action.fixedResponse(new FixedResponseConfig("application/json", "{}", "410"));
      var conditions = List.of(RuleCondition.hostHeader(List.of("a.example.com")));

      elbv2.modifyRule(rule.arn(), List.of(gone), conditions);

      assertThat(elbv2.describeRules(setup.listenerArn()).get(0))
          .isEqualTo(new Rule(rule.arn(), 1, false, List.of(gone), conditions));
    }
  }

  @Test
  void setsPrioritiesAndDeletesRules(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = listener(aws, elbv2);
      var forward = List.of(Action.forward(Token.of(setup.blue())));
      Rule a = elbv2.createRule(setup.listenerArn(), 1, forward, path("/a"), Map.of());
      Rule b = elbv2.createRule(setup.listenerArn(), 2, forward, path("/b"), Map.of());
      Rule c = elbv2.createRule(setup.listenerArn(), 3, forward, path("/c"), Map.of());

      // Free priorities only: moto refuses to swap two rules' priorities (rig/moto-gaps.md).
      var moves = new LinkedHashMap<String, Integer>();
      moves.put(a.arn(), 30);
      moves.put(c.arn(), 10);
      elbv2.setRulePriorities(moves);
      elbv2.setRulePriorities(Map.of());
      elbv2.deleteRule(b.arn());

      List<Rule> rules = elbv2.describeRules(setup.listenerArn());
      assertThat(rules)
          .extracting(Rule::arn, Rule::priority)
          .startsWith(tuple(c.arn(), 10), tuple(a.arn(), 30));
      assertThat(rules).hasSize(3);
      assertThat(rules.get(2).isDefault()).isTrue();
      assertThat(ports.calls("SetRulePriorities")).as("no call for nothing").isEqualTo(1);
    }
  }

  @Test
  void refusesAnUnresolvedTargetGroupReferenceBeforeCallingAws(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = listener(aws, elbv2);
      var unresolved =
          Action.forward(
              Token.Ref.to(
                  "AWS::ElasticLoadBalancingV2::TargetGroup",
                  "team/web-svc:http",
                  "targetGroupARN"));

      assertThatThrownBy(
              () ->
                  elbv2.createRule(
                      setup.listenerArn(), 1, List.of(unresolved), path("/"), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("team/web-svc:http");
      assertThat(ports.calls("CreateRule")).isZero();
      assertThat(elbv2.describeRules(setup.listenerArn())).hasSize(1);
    }
  }
}
