package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.MutualAuthentication;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.elbv2.TargetGroupSpec.Matcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;

class ElbRecordsTest {
  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule rule(
      String arn, String priority, boolean isDefault) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule.builder()
        .ruleArn(arn)
        .priority(priority)
        .isDefault(isDefault)
        .actions(a -> a.type("forward").order(1).targetGroupArn("tg"))
        .build();
  }

  @Test
  void theDefaultRuleHasTheHighestPriorityAndSortsLast() {
    var rules =
        new ArrayList<>(
            List.of(
                ElbRecords.rule(rule("r10", "10", false)),
                ElbRecords.rule(rule("default", "default", true)),
                ElbRecords.rule(rule("r2", "2", false))));

    rules.sort(ElbRecords.BY_PRIORITY);

    assertThat(rules).extracting(Rule::arn).containsExactly("r2", "r10", "default");
    assertThat(rules.get(2).priority()).isEqualTo(Integer.MAX_VALUE);
    assertThat(rules.get(2).isDefault()).isTrue();
    assertThat(rules.get(0).actions()).containsExactly(Action.forward(Token.of("tg")));
  }

  @Test
  void aListenersDefaultCertificateIsItsFirstAndPlainListenersHaveNone() {
    var https =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
            .listenerArn("l")
            .port(443)
            .protocol("HTTPS")
            .certificates(Certificate.builder().certificateArn("cert-1").build())
            .sslPolicy("ELBSecurityPolicy-2016-08")
            .build();
    var http = https.toBuilder().protocol("HTTP").certificates(List.of()).sslPolicy(null).build();

    assertThat(ElbRecords.listener(https).defaultCertificateArn()).isEqualTo("cert-1");
    assertThat(ElbRecords.listener(https).alpnPolicy()).isEmpty();
    assertThat(ElbRecords.listener(http).defaultCertificateArn()).isNull();
  }

  @Test
  void aPlainListenerHasNoSecurityPolicyEvenWhenTheAnswerCarriesOne() {
    var http =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
            .listenerArn("l")
            .port(80)
            .protocol("HTTP")
            .sslPolicy("ELBSecurityPolicy-2016-08")
            .build();

    assertThat(ElbRecords.listener(http).sslPolicy()).isNull();
    assertThat(ElbRecords.listener(http.toBuilder().protocol("TLS").build()).sslPolicy())
        .isEqualTo("ELBSecurityPolicy-2016-08");
  }

  @Test
  void batchResultsComeInTheOrderAskedWithUnaskedOnesLast() {
    assertThat(
            ElbRecords.inOrderAsked(
                List.of("c", "x", "a", "b"), s -> s, List.of("a", "b", "c", "a")))
        .containsExactly("a", "b", "c", "x");
  }

  @Test
  void aTargetGroupCarriesItsHealthCheckAsTheModelsRecord() {
    var tg =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
            .targetGroupArn("arn")
            .targetGroupName("k8s-ns-svc-0123456789")
            .targetType("ip")
            .port(8080)
            .protocol("HTTP")
            .protocolVersion("HTTP1")
            .healthCheckPort("traffic-port")
            .healthCheckProtocol("HTTP")
            .healthCheckPath("/healthz")
            .matcher(m -> m.httpCode("200-299"))
            .healthCheckIntervalSeconds(15)
            .healthCheckTimeoutSeconds(5)
            .healthyThresholdCount(2)
            .unhealthyThresholdCount(2)
            .build();

    assertThat(ElbRecords.targetGroup(tg).healthCheck())
        .isEqualTo(
            new HealthCheckConfig(
                "traffic-port", "HTTP", "/healthz", new Matcher("200-299", null), 15, 5, 2, 2));
    assertThat(ElbRecords.targetGroup(tg).loadBalancerArns()).isEmpty();
  }

  @Test
  void mutualTlsIsSentAsAwsTakesItAndReadBackAsDescribed() {
    assertThat(ElbRecords.toSdk((MutualAuthentication) null)).isNull();
    assertThat(ElbRecords.toSdk(MutualAuthentication.off()))
        .isEqualTo(MutualAuthenticationAttributes.builder().mode("off").build());
    var verify = MutualAuthentication.verify("arn:ts", true, "on");
    assertThat(ElbRecords.toSdk(verify))
        .isEqualTo(
            MutualAuthenticationAttributes.builder()
                .mode("verify")
                .trustStoreArn("arn:ts")
                .ignoreClientCertificateExpiry(true)
                .advertiseTrustStoreCaNames("on")
                .build());

    var described =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
            .listenerArn("l")
            .port(443)
            .protocol("HTTPS")
            .mutualAuthentication(
                ElbRecords.toSdk(verify).toBuilder().trustStoreAssociationStatus("active").build())
            .build();
    assertThat(ElbRecords.listener(described).mutualAuthentication()).isEqualTo(verify);
    assertThat(
            ElbRecords.listener(
                    described.toBuilder()
                        .mutualAuthentication((MutualAuthenticationAttributes) null)
                        .build())
                .mutualAuthentication())
        .isNull();
  }
}
