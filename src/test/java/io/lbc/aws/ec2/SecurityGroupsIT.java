package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.PortClients;
import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.UserIdGroupPair;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security groups, their inbound rules and tags through the project's EC2 port, against moto. */
@RigTest
class SecurityGroupsIT {
  static final Map<String, String> TAGS =
      Map.of("elbv2.k8s.aws/cluster", "ports", "ingress.k8s.aws/stack", "team/web");

  static IpPermission tcp(int port, List<IpRange> ranges, List<UserIdGroupPair> groups) {
    return new IpPermission("tcp", port, port, ranges, List.of(), List.of(), groups);
  }

  @Test
  void createsAGroupWithTagsAndFindsItByIdTagsAndName(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();

      String id =
          ec2.createSecurityGroup(vpc.vpcId(), "k8s-team-web-0123456789", "managed LB group", TAGS);
      String named =
          ec2.createSecurityGroup(vpc.vpcId(), "plain", "named by tag", Map.of("Name", "nodes"));

      SecurityGroup group = ec2.describeSecurityGroups(List.of(id, "sg-0123456789abcdef0")).get(0);
      assertThat(group)
          .isEqualTo(
              new SecurityGroup(
                  id, "k8s-team-web-0123456789", vpc.vpcId(), "managed LB group", List.of(), TAGS));
      assertThat(ec2.describeSecurityGroups(List.of(id, "sg-0123456789abcdef0"))).hasSize(1);
      assertThat(
              ec2.findSecurityGroupsByTags(
                  vpc.vpcId(), Map.of("ingress.k8s.aws/stack", "team/web")))
          .containsExactly(group);
      assertThat(
              ec2.findSecurityGroupsByName(
                  vpc.vpcId(), List.of("k8s-team-web-0123456789", "nodes")))
          .extracting(SecurityGroup::groupId)
          .containsExactlyInAnyOrder(id, named);
      assertThat(ec2.describeSecurityGroups(List.of())).isEmpty();
    }
  }

  @Test
  void authorizesAndRevokesRulesAndReadsThemBackMergedPerPortRange(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();
      String lb = ec2.createSecurityGroup(vpc.vpcId(), "lb", "lb", Map.of());
      String nodes = ec2.createSecurityGroup(vpc.vpcId(), "nodes", "nodes", Map.of());
      var fromLb = new UserIdGroupPair(Token.of(lb), "elbv2.k8s.aws/targetGroupBinding=shared");

      ec2.authorizeIngress(
          nodes, List.of(tcp(8080, List.of(new IpRange("10.0.0.0/16", "vpc")), List.of())));
      ec2.authorizeIngress(
          nodes,
          List.of(
              tcp(8080, List.of(), List.of(fromLb)),
              new IpPermission(
                  "-1",
                  null,
                  null,
                  List.of(new IpRange("192.168.0.0/16", null)),
                  List.of(new Ipv6Range("2600:1f14::/56", null)),
                  List.of(),
                  List.of())));

      assertThat(ec2.describeSecurityGroups(List.of(nodes)).get(0).ingress())
          .containsExactlyInAnyOrder(
              tcp(8080, List.of(new IpRange("10.0.0.0/16", "vpc")), List.of(fromLb)),
              new IpPermission(
                  "-1",
                  null,
                  null,
                  List.of(new IpRange("192.168.0.0/16", null)),
                  List.of(new Ipv6Range("2600:1f14::/56", null)),
                  List.of(),
                  List.of()));

      ec2.revokeIngress(
          nodes, List.of(tcp(8080, List.of(new IpRange("10.0.0.0/16", "vpc")), List.of())));

      assertThat(ec2.describeSecurityGroups(List.of(nodes)).get(0).ingress())
          .filteredOn(p -> "tcp".equals(p.ipProtocol()))
          .containsExactly(tcp(8080, List.of(), List.of(fromLb)));
    }
  }

  @Test
  void classifiesDuplicateAndMissingGroupsAndRules(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();
      String id = ec2.createSecurityGroup(vpc.vpcId(), "web", "web", Map.of());
      var http = List.of(tcp(80, List.of(new IpRange("0.0.0.0/0", null)), List.of()));
      ec2.authorizeIngress(id, http);

      assertThatThrownBy(() -> ec2.createSecurityGroup(vpc.vpcId(), "web", "again", Map.of()))
          .satisfies(e -> assertThat(AwsErrors.isDuplicate(e)).isTrue());
      assertThatThrownBy(() -> ec2.authorizeIngress(id, http))
          .satisfies(e -> assertThat(AwsErrors.isDuplicate(e)).isTrue());
      assertThatThrownBy(
              () ->
                  ec2.revokeIngress(
                      id, List.of(tcp(443, List.of(new IpRange("0.0.0.0/0", null)), List.of()))))
          .satisfies(e -> assertThat(AwsErrors.isPermissionNotFound(e)).isTrue());

      ec2.deleteSecurityGroup(id);

      assertThat(ec2.describeSecurityGroups(List.of(id))).isEmpty();
      assertThatThrownBy(() -> ec2.deleteSecurityGroup(id))
          .satisfies(e -> assertThat(AwsErrors.isNotFound(e)).isTrue());
      assertThatThrownBy(() -> aws.ec2().deleteVpc(r -> r.vpcId(vpc.vpcId())))
          .as("the SDK's own error shape, as the deploy layer will see it")
          .satisfies(e -> assertThat(AwsErrors.isDependencyViolation(e)).isTrue());
    }
  }

  @Test
  void createsAndDeletesTagsOnAGroup(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      Ec2 ec2 = ports.ec2();
      String id = ec2.createSecurityGroup(vpc.vpcId(), "web", "web", TAGS);

      ec2.createTags(id, Map.of("team", "platform"));
      ec2.deleteTags(id, List.of("ingress.k8s.aws/stack"));
      ec2.createTags(id, Map.of());
      ec2.deleteTags(id, List.of());

      assertThat(ec2.describeSecurityGroups(List.of(id)).get(0).tags())
          .isEqualTo(Map.of("elbv2.k8s.aws/cluster", "ports", "team", "platform"));
      assertThat(ports.calls("CreateTags") + ports.calls("DeleteTags")).isEqualTo(2);
    }
  }
}
