package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.LoadBalancerDeletions;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Target groups of type {@code alb}, as the {@code elbv2_alb_targets} extension of the rig makes
 * moto hold them (rig/moto-gaps.md), on the raw SDK: the one target is an ALB of the VPC with a
 * listener on the registered port, and deletions of load balancers are logged in order.
 */
@RigTest
class AlbTargetGroupsIT {

  @Test
  void anAlbTargetGroupTakesOneAlbWithAListenerOnThePort(AwsTestClients aws) {
    ElasticLoadBalancingV2Client elbv2 = aws.elbv2();
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "alb-targets");
    LoadBalancer alb = loadBalancer(elbv2, "alb-target-1", "application", vpc);
    LoadBalancer other = loadBalancer(elbv2, "alb-target-2", "application", vpc);
    for (LoadBalancer lb : new LoadBalancer[] {alb, other}) {
      elbv2.createListener(
          r ->
              r.loadBalancerArn(lb.loadBalancerArn())
                  .port(8080)
                  .protocol("HTTP")
                  .defaultActions(
                      Action.builder()
                          .type(ActionTypeEnum.FIXED_RESPONSE)
                          .fixedResponseConfig(f -> f.statusCode("404"))
                          .build()));
    }
    String group =
        elbv2
            .createTargetGroup(
                r ->
                    r.name("alb-typed")
                        .targetType("alb")
                        .protocol("TCP")
                        .port(80)
                        .vpcId(vpc.vpcId()))
            .targetGroups()
            .get(0)
            .targetGroupArn();

    assertThatThrownBy(() -> register(elbv2, group, "i-0123456789abcdef0", 8080))
        .as("not an ALB")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("InvalidTarget"));
    assertThatThrownBy(() -> register(elbv2, group, alb.loadBalancerArn(), 80))
        .as("no listener on 80")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("InvalidTarget"));

    register(elbv2, group, alb.loadBalancerArn(), 8080);
    assertThatThrownBy(() -> register(elbv2, group, other.loadBalancerArn(), 8080))
        .as("a second ALB")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("TooManyTargets"));

    var health = elbv2.describeTargetHealth(r -> r.targetGroupArn(group));
    assertThat(health.targetHealthDescriptions())
        .extracting(TargetHealthDescription::target)
        .extracting(TargetDescription::id, TargetDescription::port)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(alb.loadBalancerArn(), 8080));
  }

  @Test
  void deletedLoadBalancersAreLoggedInOrder(Rig rig, AwsTestClients aws) {
    ElasticLoadBalancingV2Client elbv2 = aws.elbv2();
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "alb-deletions");
    LoadBalancer alb = loadBalancer(elbv2, "deleted-alb", "application", vpc);
    LoadBalancer nlb = loadBalancer(elbv2, "deleted-nlb", "network", vpc);

    elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(nlb.loadBalancerArn()));
    elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(alb.loadBalancerArn()));
    elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(alb.loadBalancerArn())); // gone: not logged

    assertThat(LoadBalancerDeletions.read(rig.motoUrl()))
        .extracting(LoadBalancerDeletions.Deletion::arn, LoadBalancerDeletions.Deletion::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(nlb.loadBalancerArn(), "network"),
            org.assertj.core.groups.Tuple.tuple(alb.loadBalancerArn(), "application"));
  }

  private static void register(
      ElasticLoadBalancingV2Client elbv2, String group, String id, int port) {
    elbv2.registerTargets(r -> r.targetGroupArn(group).targets(t -> t.id(id).port(port)));
  }

  private static LoadBalancer loadBalancer(
      ElasticLoadBalancingV2Client elbv2, String name, String type, AwsFixtures.TestVpc vpc) {
    return elbv2
        .createLoadBalancer(
            r -> r.name(name).type(type).scheme("internal").subnets(vpc.privateSubnetIds()))
        .loadBalancers()
        .get(0);
  }
}
