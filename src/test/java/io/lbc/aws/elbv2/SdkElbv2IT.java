package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.AwsClients;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The project's own ELBv2 port against moto. */
@RigTest
class SdkElbv2IT {
  @Test
  void createsALoadBalancerInTwoSubnetsAndReadsItBackWithItsTags(AwsTestClients aws) {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "port-test");
    var registry = new SimpleMeterRegistry();
    try (var clients =
        new AwsClients(aws.controllerSettings(vpc.vpcId()), AwsTestClients.CREDENTIALS, registry)) {
      Elbv2 elbv2 = new SdkElbv2(clients.elbv2());
      Map<String, String> tags =
          Map.of(
              "elbv2.k8s.aws/cluster", "port-test",
              "ingress.k8s.aws/stack", "team/web",
              "ingress.k8s.aws/resource", "LoadBalancer");

      LoadBalancer created =
          elbv2.createLoadBalancer(
              new CreateLoadBalancer(
                  "k8s-team-web-0123456789",
                  "application",
                  "internet-facing",
                  "ipv4",
                  vpc.publicSubnetIds().stream().map(SubnetMapping::of).toList(),
                  List.of(),
                  tags));

      List<LoadBalancer> all = elbv2.describeLoadBalancers();
      assertThat(all)
          .singleElement()
          .usingRecursiveComparison()
          .ignoringFields("state")
          .isEqualTo(created);
      assertThat(created.arn()).startsWith("arn:aws:elasticloadbalancing:us-west-2:");
      assertThat(created.name()).isEqualTo("k8s-team-web-0123456789");
      assertThat(created.type()).isEqualTo("application");
      assertThat(created.scheme()).isEqualTo("internet-facing");
      assertThat(created.vpcId()).isEqualTo(vpc.vpcId());
      assertThat(created.dnsName()).isNotBlank();
      assertThat(created.subnets())
          .extracting(SubnetMapping::subnetId)
          .containsExactlyInAnyOrderElementsOf(vpc.publicSubnetIds());
      assertThat(elbv2.describeTags(List.of(created.arn())))
          .containsOnlyKeys(created.arn())
          .extractingByKey(created.arn())
          .isEqualTo(tags);

      elbv2.addTags(created.arn(), Map.of("team", "platform"));
      elbv2.removeTags(created.arn(), List.of("ingress.k8s.aws/resource"));
      assertThat(elbv2.describeTags(List.of(created.arn())).get(created.arn()))
          .containsEntry("team", "platform")
          .doesNotContainKey("ingress.k8s.aws/resource");

      elbv2.deleteLoadBalancer(created.arn());
      assertThat(elbv2.describeLoadBalancers()).isEmpty();
      assertThat(registry.find("aws.api.calls").tag("operation", "CreateLoadBalancer").counter())
          .isNotNull()
          .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
    }
  }
}
