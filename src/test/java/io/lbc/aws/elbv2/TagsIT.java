package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.PortClients;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags of every ELBv2 resource type through the project's ELBv2 port, against moto. */
@RigTest
class TagsIT {
  @Test
  void everyCreateTagsItsResourceAndDescribeTagsAsksTwentyArnsPerCall(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      var alb = ListenersIT.alb(aws, elbv2);
      Map<String, String> listenerTags = Map.of("ingress.k8s.aws/resource", "80");
      Map<String, String> ruleTags = Map.of("ingress.k8s.aws/resource", "80:1");
      String listener =
          elbv2
              .createListener(
                  alb.loadBalancerArn(),
                  new ListenerSettings(
                      80,
                      "HTTP",
                      List.of(Action.forward(Token.of(alb.targetGroupArn()))),
                      null,
                      null,
                      List.of()),
                  listenerTags)
              .arn();
      String rule =
          elbv2
              .createRule(
                  listener,
                  1,
                  List.of(Action.forward(Token.of(alb.targetGroupArn()))),
                  List.of(RuleCondition.pathPattern(List.of("/"))),
                  ruleTags)
              .arn();
      var expected = new LinkedHashMap<String, Map<String, String>>();
      expected.put(alb.loadBalancerArn(), LoadBalancersIT.TAGS);
      expected.put(alb.targetGroupArn(), TargetGroupsIT.TAGS);
      expected.put(listener, listenerTags);
      expected.put(rule, ruleTags);
      for (int i = 0; i < 21; i++) {
        String tg = TargetGroupsIT.createHttpTargetGroup(elbv2, alb.vpc().vpcId(), "tg-" + i).arn();
        expected.put(tg, TargetGroupsIT.TAGS);
      }

      Map<String, Map<String, String>> tags = elbv2.describeTags(expected.keySet());

      assertThat(tags).isEqualTo(expected);
      assertThat(ports.calls("DescribeTags")).isEqualTo(2);
      assertThat(elbv2.describeTags(List.of())).isEmpty();
      assertThat(ports.calls("DescribeTags")).isEqualTo(2);
    }
  }

  @Test
  void addsAndRemovesTagsOnATargetGroupAndSkipsEmptyChanges(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      var vpc = io.lbc.rig.AwsFixtures.clusterVpc(aws.ec2(), "ports");
      String tg = TargetGroupsIT.createHttpTargetGroup(elbv2, vpc.vpcId(), "tagged").arn();

      elbv2.addTags(tg, Map.of("team", "platform", "cost-center", "42"));
      elbv2.removeTags(tg, List.of("ingress.k8s.aws/resource", "cost-center"));
      elbv2.addTags(tg, Map.of());
      elbv2.removeTags(tg, List.of());

      assertThat(elbv2.describeTags(List.of(tg)).get(tg))
          .isEqualTo(
              Map.of(
                  "elbv2.k8s.aws/cluster", "ports",
                  "ingress.k8s.aws/stack", "team/web",
                  "team", "platform"));
      assertThat(ports.calls("AddTags")).isEqualTo(1);
      assertThat(ports.calls("RemoveTags")).isEqualTo(1);
    }
  }
}
