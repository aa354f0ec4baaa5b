package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Pins the emulator extension {@code rig/moto_ext/lbc_moto_ext/targets_control_port_quic.py} on the
 * raw SDK: TargetControlPort kept at creation and described (HTTP/HTTPS only); QUIC and TCP_QUIC
 * target groups created; RegisterTargets into them needs a well-formed QuicServerId, which
 * DescribeTargetHealth returns, and refuses one elsewhere.
 */
@RigTest
class MotoTargetControlQuicIT {
  private ElasticLoadBalancingV2Client elb;
  private String vpcId;

  @BeforeEach
  void vpc(AwsTestClients aws) {
    elb = aws.elbv2();
    vpcId = AwsFixtures.clusterVpc(aws.ec2(), "control").vpcId();
  }

  private TargetGroup create(String name, String protocol, Integer controlPort) {
    return elb.createTargetGroup(
            r ->
                r.name(name)
                    .protocol(protocol)
                    .port(443)
                    .vpcId(vpcId)
                    .targetType("ip")
                    .targetControlPort(controlPort))
        .targetGroups()
        .get(0);
  }

  @Test
  void aTargetControlPortIsKeptAtCreationAndDescribed() {
    TargetGroup created = create("optimized", "HTTP", 3000);
    assertThat(created.targetControlPort()).isEqualTo(3000);
    TargetGroup described =
        elb.describeTargetGroups(r -> r.targetGroupArns(created.targetGroupArn()))
            .targetGroups()
            .get(0);
    assertThat(described.targetControlPort()).isEqualTo(3000);
    assertThat(create("plain", "HTTP", null).targetControlPort()).isNull();

    assertThatThrownBy(() -> create("tcp-optimized", "TCP", 3000))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> create("out-of-range", "HTTPS", 70000))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
  }

  @Test
  void quicTargetsNeedAServerIdThatDescribeTargetHealthReturns() {
    TargetGroup quic = create("quic", "QUIC", null);
    assertThat(quic.protocolAsString()).isEqualTo("QUIC");
    assertThat(create("tcp-quic", "TCP_QUIC", null).protocolAsString()).isEqualTo("TCP_QUIC");
    String arn = quic.targetGroupArn();

    assertThatThrownBy(
            () -> elb.registerTargets(r -> r.targetGroupArn(arn).targets(target("10.0.0.5", null))))
        .as("no server ID")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
    assertThatThrownBy(
            () ->
                elb.registerTargets(r -> r.targetGroupArn(arn).targets(target("10.0.0.5", "0x12"))))
        .as("a malformed server ID")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));

    elb.registerTargets(
        r -> r.targetGroupArn(arn).targets(target("10.0.0.5", "0x0123456789abcdef")));

    assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.target().id()).isEqualTo("10.0.0.5");
              assertThat(d.target().quicServerId()).isEqualTo("0x0123456789abcdef");
            });

    String udp = create("udp", "UDP", null).targetGroupArn();
    assertThatThrownBy(
            () ->
                elb.registerTargets(
                    r -> r.targetGroupArn(udp).targets(target("10.0.0.6", "0x0123456789abcdef"))))
        .as("a server ID outside QUIC")
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
  }

  private static TargetDescription target(String ip, String serverId) {
    return TargetDescription.builder().id(ip).port(443).quicServerId(serverId).build();
  }
}
