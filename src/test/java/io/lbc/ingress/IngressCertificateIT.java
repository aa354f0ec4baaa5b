package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code create-acm-cert} under {@code EnableCertificateManagement}, against moto whose ACM issues
 * a certificate only once its DNS validation records exist in Route 53 ({@code
 * rig/moto_ext/lbc_moto_ext/acm_dns_validation.py}): the controller requests the certificate for
 * the Ingress's hosts, tagged as its own, creates the validation CNAMEs in the hosted zone of the
 * domain, attaches the certificate to the HTTPS listener once issued, writes nothing when nothing
 * changed, and deletes the certificate and its records when the Ingress goes.
 */
@RigTest
class IngressCertificateIT {
  private static final Logger log = LoggerFactory.getLogger(IngressCertificateIT.class);
  private static final Duration ISSUED = Duration.ofSeconds(90);

  private IngressRig it;
  private String zoneId;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    zoneId =
        aws.route53()
            .createHostedZone(r -> r.name("example.com").callerReference(namespace.name()))
            .hostedZone()
            .id();
    it =
        IngressRig.start(
            rig, kube, aws, namespace, "--feature-gates=EnableCertificateManagement=true");
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void theCertificateIsRequestedValidatedAttachedAndDeletedWithTheIngress() {
    it.nodePortService("web", Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: shop
          annotations:
            alb.ingress.kubernetes.io/create-acm-cert: "true"
            alb.ingress.kubernetes.io/tags: team=shop
        spec:
          ingressClassName: alb
          tls:
            - hosts: [www.example.com]
          rules:
            - host: api.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);

    await().atMost(ISSUED).until(() -> it.get("shop").flatMap(IngressRig::hostname).isPresent());
    CertificateSummary ours = onlyCertificate();
    CertificateDetail detail =
        it.aws
            .acm()
            .describeCertificate(r -> r.certificateArn(ours.certificateArn()))
            .certificate();
    assertThat(detail.domainName()).isEqualTo("api.example.com");
    assertThat(detail.subjectAlternativeNames())
        .containsExactlyInAnyOrder("api.example.com", "www.example.com");
    assertThat(detail.statusAsString()).isEqualTo("ISSUED");
    assertThat(detail.typeAsString()).isEqualTo("AMAZON_ISSUED");
    Map<String, String> tags = tags(ours.certificateArn());
    assertThat(tags)
        .containsEntry("elbv2.k8s.aws/cluster", IngressRig.CLUSTER)
        .containsEntry("ingress.k8s.aws/stack", it.ns + "/shop")
        .containsEntry("team", "shop");
    assertThat(tags.get("ingress.k8s.aws/resource")).startsWith("amazon_issued/api.example.com-");
    // the validation CNAMEs ACM asked for are in the zone of the domain
    List<String> wanted =
        detail.domainValidationOptions().stream().map(o -> o.resourceRecord().name()).toList();
    assertThat(wanted).hasSize(2);
    assertThat(cnames()).containsAll(wanted);

    Listener https = it.alb.onlyListener(443);
    assertThat(https.protocolAsString()).isEqualTo("HTTPS");
    assertThat(https.certificates().get(0).certificateArn()).isEqualTo(ours.certificateArn());

    it.awaitSettled();
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var byOperation = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    log.info(
        "measured no-op reconcile with a requested certificate: {} AWS calls, {} writes: {}",
        it.controller().awsCallsTotal() - calls,
        it.controller().awsWrites() - writes,
        it.callsSince(byOperation));
    assertThat(it.controller().awsWrites()).isEqualTo(writes);
    assertThat(ourCertificates())
        .extracting(CertificateSummary::certificateArn)
        .containsExactly(ours.certificateArn());

    it.delete("shop");
    it.awaitGone("shop");
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(ourCertificates()).isEmpty();
              assertThat(cnames()).doesNotContainAnyElementsOf(wanted);
            });
    it.awaitNothingLeftInAws();
  }

  @Test
  void aHostWithoutHostedZoneGetsNoCertificateRequested() {
    it.nodePortService("web", Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: elsewhere
          annotations:
            alb.ingress.kubernetes.io/create-acm-cert: "true"
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.org
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);

    // as the reference: the zone is checked first, so no certificate that could never be
    // validated is left pending in ACM; the reconcile fails and says why
    await()
        .atMost(IngressRig.CONVERGED)
        .until(() -> it.controller().awsCalls("ListHostedZones") > 0);
    it.awaitSettled();
    assertThat(it.controller().awsCalls("RequestCertificate")).isZero();
    assertThat(ourCertificates()).isEmpty();
    assertThat(it.get("elsewhere").flatMap(IngressRig::hostname)).isEmpty();
  }

  private CertificateSummary onlyCertificate() {
    List<CertificateSummary> ours = ourCertificates();
    assertThat(ours).hasSize(1);
    return ours.get(0);
  }

  private List<CertificateSummary> ourCertificates() {
    return it.aws.acm().listCertificates(r -> {}).certificateSummaryList().stream()
        .filter(
            c -> IngressRig.CLUSTER.equals(tags(c.certificateArn()).get("elbv2.k8s.aws/cluster")))
        .toList();
  }

  private Map<String, String> tags(String arn) {
    return it.aws.acm().listTagsForCertificate(r -> r.certificateArn(arn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value()));
  }

  private List<String> cnames() {
    return it
        .aws
        .route53()
        .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
        .resourceRecordSets()
        .stream()
        .filter(s -> "CNAME".equals(s.typeAsString()))
        .map(ResourceRecordSet::name)
        .toList();
  }
}
