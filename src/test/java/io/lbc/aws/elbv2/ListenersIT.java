package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.PortClients;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Listeners, their certificates and attributes through the project's ELBv2 port, against moto. */
@RigTest
class ListenersIT {
  static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  static final Map<String, String> TAGS =
      Map.of("elbv2.k8s.aws/cluster", "ports", "ingress.k8s.aws/resource", "443");

  record Setup(TestVpc vpc, String loadBalancerArn, String targetGroupArn) {}

  static Setup alb(AwsTestClients aws, SdkElbv2 elbv2) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    String lb =
        elbv2
            .createLoadBalancer(LoadBalancersIT.alb("listeners", vpc.publicSubnetIds(), List.of()))
            .arn();
    String tg = TargetGroupsIT.createHttpTargetGroup(elbv2, vpc.vpcId(), "web").arn();
    return new Setup(vpc, lb, tg);
  }

  @Test
  void createsAPlainListenerForwardingToATargetGroupAndReadsItBackEqual(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = alb(aws, elbv2);

      Listener created =
          elbv2.createListener(
              setup.loadBalancerArn(),
              new ListenerSettings(
                  80,
                  "HTTP",
                  List.of(Action.forward(Token.of(setup.targetGroupArn()))),
                  null,
                  null,
                  List.of()),
              TAGS);

      assertThat(created.defaultActions())
          .containsExactly(Action.forward(Token.of(setup.targetGroupArn())));
      assertThat(created.defaultCertificateArn()).isNull();
      assertThat(created.sslPolicy()).isNull();
      assertThat(elbv2.describeListeners(setup.loadBalancerArn())).containsExactly(created);
      assertThat(elbv2.describeTags(List.of(created.arn())).get(created.arn())).isEqualTo(TAGS);
      assertThat(elbv2.describeTargetGroup(setup.targetGroupArn()).orElseThrow().loadBalancerArns())
          .containsExactly(setup.loadBalancerArn());
    }
  }

  @Test
  void anHttpsListenerKeepsItsDefaultCertificateAndGainsAndLosesExtraOnes(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = alb(aws, elbv2);
      String main = AwsFixtures.importCertificate(aws.acm(), "www.example.com");
      String extra1 = AwsFixtures.importCertificate(aws.acm(), "api.example.com");
      String extra2 = AwsFixtures.importCertificate(aws.acm(), "admin.example.com");

      Listener https =
          elbv2.createListener(
              setup.loadBalancerArn(),
              new ListenerSettings(
                  443,
                  "HTTPS",
                  List.of(Action.forward(Token.of(setup.targetGroupArn()))),
                  main,
                  TLS_POLICY,
                  List.of()),
              TAGS);

      assertThat(https.defaultCertificateArn()).isEqualTo(main);
      assertThat(https.sslPolicy()).isEqualTo(TLS_POLICY);
      assertThat(elbv2.describeListenerCertificates(https.arn()))
          .containsExactly(new ListenerCertificate(main, true));

      elbv2.addListenerCertificates(https.arn(), List.of(extra1, extra2));
      elbv2.removeListenerCertificates(https.arn(), List.of(extra1));
      elbv2.addListenerCertificates(https.arn(), List.of());

      assertThat(elbv2.describeListenerCertificates(https.arn()))
          .containsExactlyInAnyOrder(
              new ListenerCertificate(main, true), new ListenerCertificate(extra2, false));
      assertThat(ports.calls("AddListenerCertificates")).as("no call for nothing").isEqualTo(1);
    }
  }

  @Test
  void modifiesAPlainListenerIntoAnHttpsOneWithAnotherDefaultAction(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = alb(aws, elbv2);
      String certificate = AwsFixtures.importCertificate(aws.acm(), "www.example.com");
      Listener plain =
          elbv2.createListener(
              setup.loadBalancerArn(),
              new ListenerSettings(
                  80,
                  "HTTP",
                  List.of(Action.forward(Token.of(setup.targetGroupArn()))),
                  null,
                  null,
                  List.of()),
              Map.of());
      var notFound =
          Action.fixedResponse(new FixedResponseConfig("text/plain", "nothing here", "404"));

      Listener modified =
          elbv2.modifyListener(
              plain.arn(),
              new ListenerSettings(
                  443, "HTTPS", List.of(notFound), certificate, TLS_POLICY, List.of()));

      assertThat(modified)
          .isEqualTo(
              new Listener(
                  plain.arn(),
                  setup.loadBalancerArn(),
                  443,
                  "HTTPS",
                  List.of(notFound),
                  certificate,
                  TLS_POLICY,
                  List.of()));
      assertThat(elbv2.describeListeners(setup.loadBalancerArn())).containsExactly(modified);
    }
  }

  @Test
  void aTlsListenerOnANetworkLoadBalancerKeepsItsAlpnPolicy(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "ports");
    try (var ports = new PortClients(aws, vpc.vpcId())) {
      SdkElbv2 elbv2 = ports.elbv2();
      String nlb =
          elbv2
              .createLoadBalancer(
                  new CreateLoadBalancer(
                      "tls",
                      "network",
                      "internet-facing",
                      "ipv4",
                      vpc.publicSubnetIds().stream().map(SubnetMapping::of).toList(),
                      List.of(),
                      Map.of()))
              .arn();
      String tcp = TargetGroupsIT.createTcpTargetGroup(elbv2, vpc.vpcId(), "tcp").arn();
      String certificate = AwsFixtures.importCertificate(aws.acm(), "tls.example.com");

      Listener tls =
          elbv2.createListener(
              nlb,
              new ListenerSettings(
                  443,
                  "TLS",
                  List.of(Action.forward(Token.of(tcp))),
                  certificate,
                  TLS_POLICY,
                  List.of("HTTP2Preferred")),
              Map.of());

      assertThat(tls.alpnPolicy()).containsExactly("HTTP2Preferred");
      assertThat(elbv2.describeListeners(nlb)).containsExactly(tls);
    }
  }

  @Test
  void readsAndModifiesListenerAttributes(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = alb(aws, elbv2);
      String arn =
          elbv2
              .createListener(
                  setup.loadBalancerArn(),
                  new ListenerSettings(
                      80,
                      "HTTP",
                      List.of(Action.forward(Token.of(setup.targetGroupArn()))),
                      null,
                      null,
                      List.of()),
                  Map.of())
              .arn();

      elbv2.modifyListenerAttributes(arn, Map.of("routing.http.response.server.enabled", "false"));

      assertThat(elbv2.describeListenerAttributes(arn))
          .containsEntry("routing.http.response.server.enabled", "false");
    }
  }

  @Test
  void aDeletedListenerAndItsLoadBalancerHaveNothingToDescribe(AwsTestClients aws) {
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      Setup setup = alb(aws, elbv2);
      String arn =
          elbv2
              .createListener(
                  setup.loadBalancerArn(),
                  new ListenerSettings(
                      80,
                      "HTTP",
                      List.of(Action.forward(Token.of(setup.targetGroupArn()))),
                      null,
                      null,
                      List.of()),
                  Map.of())
              .arn();

      elbv2.deleteListener(arn);

      assertThat(elbv2.describeListeners(setup.loadBalancerArn())).isEmpty();
      assertThat(elbv2.describeListenerCertificates(arn)).isEmpty();
      assertThat(elbv2.describeListenerAttributes(arn)).isEmpty();
      assertThat(elbv2.describeRules(arn)).isEmpty();

      elbv2.deleteLoadBalancer(setup.loadBalancerArn());
      assertThat(elbv2.describeListeners(setup.loadBalancerArn())).isEmpty();
    }
  }
}
