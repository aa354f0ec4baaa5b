package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.TrustStoreFixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;

/**
 * Mutual TLS on HTTPS listeners ({@code mutual-authentication}, compat-spec #25), asserted on the
 * listener read back from moto (trust stores and {@code MutualAuthentication} come from the rig's
 * {@code elbv2_trust_stores} extension).
 */
@RigTest
class IngressMutualTlsIT {
  private static final Logger log = LoggerFactory.getLogger(IngressMutualTlsIT.class);
  static final String KEY = "alb.ingress.kubernetes.io/mutual-authentication";

  /** No webhook server: these tests need none, and 9443 may be taken by a parallel test run. */
  static final String NO_WEBHOOK = "--webhook-bind-port=0";

  private IngressRig it;

  private void start(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns, String... flags) {
    var all = new java.util.ArrayList<>(List.of(NO_WEBHOOK));
    all.addAll(List.of(flags));
    it = IngressRig.start(rig, kube, aws, ns, all.toArray(String[]::new));
    it.nodePortService("web", Map.of());
  }

  @AfterEach
  void stop() {
    if (it != null) {
      it.close();
    }
  }

  private void shop(String mutualAuthentication) {
    var annotations = new HashMap<String, String>();
    annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]");
    annotations.put(
        "alb.ingress.kubernetes.io/certificate-arn",
        AwsFixtures.importCertificate(it.aws.acm(), "shop.example.com"));
    annotations.put(KEY, mutualAuthentication);
    it.simpleIngress("shop", "web", annotations);
    it.awaitHostname("shop");
  }

  private MutualAuthenticationAttributes mutualTls() {
    return it.alb.onlyListener(443).mutualAuthentication();
  }

  private void awaitMutualTls(String mode, String trustStoreArn) {
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(mutualTls()).isNotNull();
              assertThat(mutualTls().mode()).isEqualTo(mode);
              assertThat(mutualTls().trustStoreArn()).isEqualTo(trustStoreArn);
            });
  }

  private void removeAnnotation() {
    it.edit(
        "shop",
        i -> {
          i.getMetadata().getAnnotations().remove(KEY);
          return i;
        });
  }

  @Test
  void verifyByNameThenByArnThenPassthroughThenExplicitOffAndANoOpWritesNothing(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    start(rig, kube, aws, ns);
    String clients = TrustStoreFixtures.trustStore(aws, "clients-ca");
    String partners = TrustStoreFixtures.trustStore(aws, "partners-ca");
    shop(
        "[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \"clients-ca\","
            + " \"ignoreClientCertificateExpiry\": true}]");

    assertThat(mutualTls())
        .isEqualTo(
            MutualAuthenticationAttributes.builder()
                .mode("verify")
                .trustStoreArn(clients)
                .ignoreClientCertificateExpiry(true)
                .trustStoreAssociationStatus("active")
                .advertiseTrustStoreCaNames("off")
                .build());

    it.awaitSettled();
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var byOperation = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    log.info(
        "measured no-op reconcile with mTLS: {} AWS calls, {} writes: {}",
        it.controller().awsCallsTotal() - calls,
        it.controller().awsWrites() - writes,
        it.callsSince(byOperation));
    assertThat(it.controller().awsWrites()).isEqualTo(writes);
    assertThat(it.callsSince(byOperation))
        .as("the trust store name is cached: a no-op asks AWS nothing about it")
        .doesNotContainKey("DescribeTrustStores");

    it.annotate(
        "shop",
        KEY,
        "[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \""
            + partners
            + "\","
            + " \"advertiseTrustStoreCaNames\": \"on\"}]");
    awaitMutualTls("verify", partners);
    assertThat(mutualTls().advertiseTrustStoreCaNamesAsString()).isEqualTo("on");
    assertThat(mutualTls().ignoreClientCertificateExpiry()).isFalse();

    it.annotate("shop", KEY, "[{\"port\": 443, \"mode\": \"passthrough\"}]");
    awaitMutualTls("passthrough", null);

    it.annotate("shop", KEY, "[{\"port\": 443, \"mode\": \"off\"}]");
    awaitMutualTls("off", null);
  }

  @Test
  void removingTheAnnotationLeavesMutualTlsAsItIs(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    start(rig, kube, aws, ns);
    String clients = TrustStoreFixtures.trustStore(aws, "clients-ca");
    shop("[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \"clients-ca\"}]");
    awaitMutualTls("verify", clients);
    it.awaitSettled();
    long calls = it.controller().awsCallsTotal();
    var byOperation = it.controller().awsCallsByOperation();

    removeAnnotation();
    it.awaitReconcileAfter(calls);

    assertThat(it.callsSince(byOperation)).doesNotContainKey("ModifyListener");
    assertThat(mutualTls().mode()).isEqualTo("verify");
    assertThat(mutualTls().trustStoreArn()).isEqualTo(clients);
  }

  @Test
  void withEnhancedDefaultBehaviorRemovingTheAnnotationTurnsMutualTlsOff(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    start(rig, kube, aws, ns, "--feature-gates=EnhancedDefaultBehavior=true");
    String clients = TrustStoreFixtures.trustStore(aws, "clients-ca");
    shop("[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \"" + clients + "\"}]");
    awaitMutualTls("verify", clients);

    removeAnnotation();

    awaitMutualTls("off", null);
  }

  @Test
  void anUnknownTrustStoreNameLeavesTheIngressOutWithAWarning(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    start(rig, kube, aws, ns);
    var annotations = new HashMap<String, String>();
    annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]");
    annotations.put(
        "alb.ingress.kubernetes.io/certificate-arn",
        AwsFixtures.importCertificate(aws.acm(), "shop.example.com"));
    annotations.put(KEY, "[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \"no-such\"}]");
    it.simpleIngress("shop", "web", annotations);

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events("shop", EventReasons.FAILED_BUILD_MODEL))
                    .anySatisfy(
                        e -> assertThat(e.getMessage()).contains(KEY).contains("'no-such'")));
    assertThat(it.alb.loadBalancers())
        .as("fails closed: no listener without client auth")
        .isEmpty();
  }
}
