package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * Pins where moto's ELBv2 deviates from AWS, one test per row of {@code rig/moto-gaps.md}, on the
 * raw SDK so the wire shape is what is seen. These assert moto's behaviour, not AWS's: a failure
 * means moto changed, so update the table and the tests that work around the gap.
 */
@RigTest
class Elbv2MotoGapsIT {
  private ElasticLoadBalancingV2Client elb;
  private TestVpc vpc;
  private String lb;
  private String tg;

  @BeforeEach
  void loadBalancerWithTargetGroup(AwsTestClients aws) {
    elb = aws.elbv2();
    vpc = AwsFixtures.clusterVpc(aws.ec2(), "gaps");
    lb = createAlb("gaps");
    tg =
        elb.createTargetGroup(
                r -> r.name("gaps").protocol("HTTP").port(80).vpcId(vpc.vpcId()).targetType("ip"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
  }

  private String createAlb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).subnets(vpc.publicSubnetIds()))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }

  private String httpListener(int port) {
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb)
                    .protocol("HTTP")
                    .port(port)
                    .defaultActions(a -> a.type("forward").targetGroupArn(tg)))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private String pathRule(String listener, int priority) {
    return elb.createRule(
            r ->
                r.listenerArn(listener)
                    .priority(priority)
                    .conditions(
                        c ->
                            c.field("path-pattern")
                                .pathPatternConfig(p -> p.values("/" + priority)))
                    .actions(a -> a.type("forward").targetGroupArn(tg)))
        .rules()
        .get(0)
        .ruleArn();
  }

  @Test
  void aDuplicateLoadBalancerNameCreatesASecondLoadBalancer() {
    String second = createAlb("gaps");

    assertThat(second).isNotEqualTo(lb);
    assertThat(elb.describeLoadBalancers().loadBalancers())
        .filteredOn(l -> l.loadBalancerName().equals("gaps"))
        .hasSize(2);
  }

  @Test
  void recreatingATargetGroupWithEqualSettingsIsADuplicate() {
    assertThatThrownBy(
            () ->
                elb.createTargetGroup(
                    r ->
                        r.name("gaps")
                            .protocol("HTTP")
                            .port(80)
                            .vpcId(vpc.vpcId())
                            .targetType("ip")))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("DuplicateTargetGroupName"));
  }

  @Test
  void loadBalancerNamesAndZoneCountsAreNotValidated() {
    String bad = "internal-not_a_valid_name-and-longer-than-32-characters";

    var created =
        elb.createLoadBalancer(r -> r.name(bad).subnets(vpc.publicSubnetIds().get(0)))
            .loadBalancers()
            .get(0);

    assertThat(created.loadBalancerName()).isEqualTo(bad);
    assertThat(created.availabilityZones()).hasSize(1);
  }

  @Test
  void setSubnetsDemandsTwoZonesEvenForANetworkLoadBalancer() {
    String nlb =
        elb.createLoadBalancer(
                r -> r.name("nlb").type("network").subnets(vpc.publicSubnetIds().get(0)))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();

    assertThatThrownBy(
            () ->
                elb.setSubnets(r -> r.loadBalancerArn(nlb).subnets(vpc.privateSubnetIds().get(0))))
        .satisfies(
            e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("InvalidConfigurationRequest"));
  }

  @Test
  void subnetMappingAddressesAreIgnored() {
    var nlb =
        elb.createLoadBalancer(
                r ->
                    r.name("nlb")
                        .type("network")
                        .subnetMappings(
                            m ->
                                m.subnetId(vpc.privateSubnetIds().get(0))
                                    .privateIPv4Address("10.0.11.100")))
            .loadBalancers()
            .get(0);

    assertThat(nlb.availabilityZones().get(0).loadBalancerAddresses()).isEmpty();
  }

  @Test
  void dualstackIsAcceptedOnSubnetsWithoutIpv6() {
    elb.setIpAddressType(r -> r.loadBalancerArn(lb).ipAddressType("dualstack"));

    assertThat(
            elb.describeLoadBalancers(r -> r.loadBalancerArns(lb))
                .loadBalancers()
                .get(0)
                .ipAddressTypeAsString())
        .isEqualTo("dualstack");
  }

  @Test
  void deletionProtectionDoesNotStopADelete() {
    elb.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(lb)
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));

    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));

    assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
  }

  @Test
  void aDeletedLoadBalancerStaysInItsTargetGroupsBackReferences() {
    httpListener(80);

    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb));

    assertThat(
            elb.describeTargetGroups(r -> r.targetGroupArns(tg))
                .targetGroups()
                .get(0)
                .loadBalancerArns())
        .containsExactly(lb);
  }

  @Test
  void anUnknownLoadBalancerArnFailsTheCallOnlyAheadOfAKnownOne() {
    String unknown = lb.substring(0, lb.length() - 4) + "0000";

    assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(lb, unknown)).loadBalancers())
        .hasSize(1);
    assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.loadBalancerArns(unknown, lb)))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("LoadBalancerNotFound"));
  }

  @Test
  void describeTagsAnswersAnUnknownArnWithNoTags() {
    String unknown = tg.substring(0, tg.length() - 4) + "0000";

    var descriptions = elb.describeTags(r -> r.resourceArns(unknown)).tagDescriptions();

    assertThat(descriptions).singleElement().satisfies(d -> assertThat(d.tags()).isEmpty());
  }

  @Test
  void addTagsIsRefusedOnceAResourceHasTenTags() {
    var ten =
        IntStream.range(0, 10)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();
    elb.addTags(r -> r.resourceArns(tg).tags(ten));

    assertThatThrownBy(
            () -> elb.addTags(r -> r.resourceArns(tg).tags(t -> t.key("eleventh").value("v"))))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("TooManyTags"));
  }

  @Test
  void aDuplicateListenerPortIsAccepted() {
    httpListener(80);
    httpListener(80);

    assertThat(elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()).hasSize(2);
  }

  @Test
  void aSimpleForwardComesBackWithoutForwardConfigOrOrderAndAPlainListenerWithAPolicy() {
    String listener = httpListener(80);

    var read = elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0);
    Action forward = read.defaultActions().get(0);

    assertThat(forward.targetGroupArn()).isEqualTo(tg);
    assertThat(forward.forwardConfig()).isNull();
    assertThat(forward.order()).isNull();
    assertThat(read.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
  }

  @Test
  void aRedirectComesBackWithoutTheDefaultsAndConditionsWithoutLegacyValues() {
    String listener = httpListener(80);
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(1)
                .conditions(
                    c -> c.field("host-header").hostHeaderConfig(h -> h.values("a.example.com")))
                .actions(
                    a ->
                        a.type("redirect")
                            .order(1)
                            .redirectConfig(
                                c -> c.protocol("HTTPS").port("443").statusCode("HTTP_301"))));

    Rule read = elb.describeRules(r -> r.listenerArn(listener)).rules().get(0);

    assertThat(read.actions().get(0).redirectConfig().host()).isNull();
    assertThat(read.actions().get(0).redirectConfig().path()).isNull();
    assertThat(read.actions().get(0).redirectConfig().query()).isNull();
    assertThat(read.conditions().get(0).hasValues()).isFalse();
  }

  @Test
  void describeRulesListsRulesInTheOrderTheyWereCreated() {
    String listener = httpListener(80);
    pathRule(listener, 5);
    pathRule(listener, 3);

    assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules())
        .extracting(Rule::priority)
        .containsExactly("5", "3", "default");
  }

  @Test
  void setRulePrioritiesCannotSwapTwoRules() {
    String listener = httpListener(80);
    String first = pathRule(listener, 1);
    String second = pathRule(listener, 2);

    assertThatThrownBy(
            () ->
                elb.setRulePriorities(
                    r ->
                        r.rulePriorities(
                            RulePriorityPair.builder().ruleArn(first).priority(2).build(),
                            RulePriorityPair.builder().ruleArn(second).priority(1).build())))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("PriorityInUse"));
  }

  @Test
  void deletingAnUnknownRuleSucceeds() {
    String rule = pathRule(httpListener(80), 1);
    elb.deleteRule(r -> r.ruleArn(rule));

    elb.deleteRule(r -> r.ruleArn(rule));

    assertThat(elb.describeRules(r -> r.listenerArn(httpListener(81))).rules()).hasSize(1);
  }

  @Test
  void modifyListenerRefusesTlsAndUdp() {
    String nlb =
        elb.createLoadBalancer(r -> r.name("nlb").type("network").subnets(vpc.publicSubnetIds()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String tcp =
        elb.createTargetGroup(
                r -> r.name("tcp").protocol("TCP").port(80).vpcId(vpc.vpcId()).targetType("ip"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(nlb)
                        .protocol("TCP")
                        .port(80)
                        .defaultActions(a -> a.type("forward").targetGroupArn(tcp)))
            .listeners()
            .get(0)
            .listenerArn();

    for (String protocol : List.of("TLS", "UDP", "TCP_UDP")) {
      assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(listener).protocol(protocol)))
          .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("UnsupportedProtocol"));
    }
  }

  @Test
  void modifyListenerIgnoresTheAlpnPolicy(AwsTestClients aws) {
    String certificate = AwsFixtures.importCertificate(aws.acm(), "alpn.example.com");
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(lb)
                        .protocol("HTTPS")
                        .port(443)
                        .certificates(c -> c.certificateArn(certificate))
                        .alpnPolicy("HTTP2Preferred")
                        .defaultActions(a -> a.type("forward").targetGroupArn(tg)))
            .listeners()
            .get(0)
            .listenerArn();

    elb.modifyListener(r -> r.listenerArn(listener).alpnPolicy("HTTP2Only"));

    assertThat(elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).alpnPolicy())
        .containsExactly("HTTP2Preferred");
  }

  private String httpsListener(String certificate) {
    return elb.createListener(
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

  @Test
  void describeListenersListsTheSniCertificatesWithTheDefaultOne(AwsTestClients aws) {
    String first = AwsFixtures.importCertificate(aws.acm(), "one.example.com");
    String second = AwsFixtures.importCertificate(aws.acm(), "two.example.com");
    String listener = httpsListener(first);

    elb.addListenerCertificates(
        r -> r.listenerArn(listener).certificates(c -> c.certificateArn(second)));

    assertThat(
            elb.describeListeners(r -> r.listenerArns(listener)).listeners().get(0).certificates())
        .extracting(c -> c.certificateArn())
        .containsExactly(first, second);
  }

  @Test
  void modifyListenerWithADefaultCertificateDropsTheSniCertificates(AwsTestClients aws) {
    String first = AwsFixtures.importCertificate(aws.acm(), "one.example.com");
    String second = AwsFixtures.importCertificate(aws.acm(), "two.example.com");
    String third = AwsFixtures.importCertificate(aws.acm(), "three.example.com");
    String listener = httpsListener(first);
    elb.addListenerCertificates(
        r -> r.listenerArn(listener).certificates(c -> c.certificateArn(second)));

    elb.modifyListener(r -> r.listenerArn(listener).certificates(c -> c.certificateArn(third)));

    assertThat(elb.describeListenerCertificates(r -> r.listenerArn(listener)).certificates())
        .extracting(c -> c.certificateArn())
        .containsExactly(third);
  }

  @Test
  void aTargetIdOnTwoPortsKeepsOnlyTheLastPort() {
    elb.registerTargets(
        r ->
            r.targetGroupArn(tg)
                .targets(
                    TargetDescription.builder().id("10.0.1.5").port(8080).build(),
                    TargetDescription.builder().id("10.0.1.5").port(8081).build()));

    assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions())
        .singleElement()
        .satisfies(d -> assertThat(d.target().port()).isEqualTo(8081));
  }

  @Test
  void aRegisteredTargetIsHealthyAtOnce() {
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.1.5").port(8080)));

    assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions())
        .singleElement()
        .satisfies(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"));
  }

  @Test
  void aNetworkLoadBalancerArnNamesAnApplicationLoadBalancer() {
    var nlb =
        elb.createLoadBalancer(
                r -> r.name("gaps-nlb").type("network").subnets(vpc.publicSubnetIds()))
            .loadBalancers()
            .get(0);

    assertThat(nlb.typeAsString()).isEqualTo("network");
    assertThat(nlb.loadBalancerArn()).contains(":loadbalancer/app/gaps-nlb/");
  }

  @Test
  void modifyTargetGroupDropsTheMatcherOfATcpTargetGroup() {
    String tcp =
        elb.createTargetGroup(
                r ->
                    r.name("gaps-tcp").protocol("TCP").port(80).vpcId(vpc.vpcId()).targetType("ip"))
            .targetGroups()
            .get(0)
            .targetGroupArn();

    elb.modifyTargetGroup(
        r ->
            r.targetGroupArn(tcp)
                .healthCheckProtocol("HTTP")
                .healthCheckPath("/ready")
                .matcher(m -> m.httpCode("200-399")));

    var modified = elb.describeTargetGroups(r -> r.targetGroupArns(tcp)).targetGroups().get(0);
    assertThat(modified.healthCheckProtocolAsString()).isEqualTo("HTTP");
    assertThat(modified.healthCheckPath()).isEqualTo("/ready");
    assertThat(modified.matcher()).isNull();
  }
}
