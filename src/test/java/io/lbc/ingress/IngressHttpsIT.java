package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * HTTPS listeners: certificates named by annotation or discovered in ACM from the hosts, and the
 * {@code ssl-redirect} that turns port 80 into a redirect.
 */
@RigTest
class IngressHttpsIT {
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private void shop(String annotations) {
    it.nodePortService("web", Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: shop
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
        ANNOTATIONS
        spec:
          ingressClassName: alb
          rules:
            - host: www.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
            - host: api.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """
            .replace("ANNOTATIONS", annotations.indent(4).stripTrailing()));
  }

  @Test
  void namedCertificatesServeHttpsAndSslRedirectTurnsPort80IntoA301() {
    String first = AwsFixtures.importCertificate(it.aws.acm(), "www.example.com");
    String second = AwsFixtures.importCertificate(it.aws.acm(), "api.example.com");
    shop("alb.ingress.kubernetes.io/certificate-arn: " + first + "," + second);

    it.awaitHostname("shop");
    String lb = it.alb.onlyLoadBalancer().loadBalancerArn();
    Listener https = it.alb.listener(lb, 443);
    assertThat(https.protocolAsString()).isEqualTo("HTTPS");
    assertThat(https.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
    // moto lists the SNI certificates here too (rig/moto-gaps.md #27): the default one is first.
    assertThat(https.certificates().get(0).certificateArn()).isEqualTo(first);
    assertThat(it.alb.certificates(https.listenerArn())).containsExactly(first, second);
    assertThat(it.alb.rules(https.listenerArn())).hasSize(2);
    String http = it.alb.listener(lb, 80).listenerArn();
    assertThat(it.alb.rules(http)).hasSize(2);
    assertThat(it.get("shop").orElseThrow().getStatus().getLoadBalancer().getIngress().get(0))
        .satisfies(
            s -> assertThat(s.getPorts()).extracting(p -> p.getPort()).containsExactly(80, 443));

    it.annotate("shop", "alb.ingress.kubernetes.io/ssl-redirect", "443");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              Listener port80 = it.alb.listener(lb, 80);
              assertThat(port80.defaultActions())
                  .singleElement()
                  .satisfies(IngressHttpsIT::assertRedirectTo443);
              assertThat(it.alb.rules(port80.listenerArn())).isEmpty();
            });
    assertThat(it.alb.listener(lb, 443).listenerArn()).isEqualTo(https.listenerArn());
    assertThat(it.alb.rules(https.listenerArn())).hasSize(2);

    String third = AwsFixtures.importCertificate(it.aws.acm(), "shop.example.com");
    it.annotate("shop", "alb.ingress.kubernetes.io/certificate-arn", third + "," + second);

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.alb.certificates(https.listenerArn()))
                    .containsExactly(third, second));
    assertThat(it.alb.listener(lb, 443).listenerArn()).isEqualTo(https.listenerArn());
  }

  private static void assertRedirectTo443(Action action) {
    assertThat(action.typeAsString()).isEqualTo("redirect");
    assertThat(action.redirectConfig().protocol()).isEqualTo("HTTPS");
    assertThat(action.redirectConfig().port()).isEqualTo("443");
    assertThat(action.redirectConfig().statusCodeAsString()).isEqualTo("HTTP_301");
  }

  @Test
  void certificatesAreDiscoveredInAcmFromTheHostsSortedByArnAsTheReferenceDoes() {
    String exact = AwsFixtures.importCertificate(it.aws.acm(), "www.example.com");
    String wildcard = AwsFixtures.importCertificate(it.aws.acm(), "*.example.com");
    String unrelated = AwsFixtures.importCertificate(it.aws.acm(), "shop.example.org");
    shop("");

    it.awaitHostname("shop");
    Listener https = it.alb.onlyListener(443);
    // www is covered by both, api by the wildcard: both are taken, and the smaller ARN is the
    // default whether it is the exact or the wildcard one (moto's ARNs are random UUIDs).
    var sorted = java.util.stream.Stream.of(exact, wildcard).sorted().toList();
    assertThat(https.certificates().get(0).certificateArn()).isEqualTo(sorted.get(0));
    assertThat(it.alb.certificates(https.listenerArn()))
        .containsExactlyElementsOf(sorted)
        .doesNotContain(unrelated);
  }
}
