package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * Taking over an ALB from the reference controller without a flicker: an HTTPS listener whose
 * certificates were discovered from two TLS hosts (a wildcard {@code *.example.com} and {@code
 * pay.example.com}), laid out as the reference lays it out (the default certificate also in the
 * listener's certificate list), behind an instance and an IP target group. A controller started on
 * it writes nothing and replaces nothing.
 */
@RigTest
class IngressAdoptionIT {
  private IngressRig it;
  private String wildcard;
  private String pay;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    wildcard = AwsFixtures.importCertificate(aws.acm(), "*.example.com");
    pay = AwsFixtures.importCertificate(aws.acm(), "pay.example.com");
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
    it.nodePortService("pay", Map.of("alb.ingress.kubernetes.io/target-type", "ip"));
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: shop
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
        spec:
          ingressClassName: alb
          tls:
            - hosts: [pay.example.com, www.example.com]
          rules:
            - host: pay.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: pay, port: {name: http}}}}
            - host: www.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);
    it.awaitHostname("shop");
    it.awaitSettled();
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void theReferencesCertificateLayoutIsAdoptedWithoutAWriteOrAReplacement() {
    Listener https = it.alb.onlyListener(443);
    // The reference's choice: both certificates, the smaller ARN the default (moto's are random).
    List<String> sorted = Stream.of(wildcard, pay).sorted().toList();
    assertThat(https.certificates().get(0).certificateArn()).isEqualTo(sorted.get(0));
    assertThat(it.alb.targetGroups())
        .extracting(tg -> tg.targetTypeAsString())
        .containsExactlyInAnyOrder("instance", "ip");
    Map<String, String> before = inventory();
    it.controller().close();

    // What the reference adds besides the default: every certificate, the default one included.
    it.aws
        .elbv2()
        .addListenerCertificates(
            r -> r.listenerArn(https.listenerArn()).certificates(certificate(sorted.get(0))));
    assertThat(nonDefaultCertificates(https.listenerArn())).containsExactlyElementsOf(sorted);

    InProcessController ours = it.restartController();
    it.awaitReconcileAfter(0);

    System.out.printf(
        "ALB adoption: %d AWS writes after take-over (calls %s)%n",
        ours.awsWrites(), ours.awsCallsByOperation());
    assertThat(ours.awsCallsTotal()).isPositive();
    assertThat(ours.awsWrites()).isZero();
    assertThat(inventory())
        .as("nothing replaced, no default certificate changed")
        .isEqualTo(before);
    assertThat(nonDefaultCertificates(https.listenerArn())).containsExactlyElementsOf(sorted);
  }

  @Test
  void aListenerWhoseDefaultIsAnotherDiscoveredCertificateIsLeftAlone() {
    Listener https = it.alb.onlyListener(443);
    List<String> sorted = Stream.of(wildcard, pay).sorted().toList();
    String other = sorted.get(1);
    it.controller().close();

    // A listener that defaults to the other discovered certificate, in the reference's layout.
    it.aws
        .elbv2()
        .modifyListener(r -> r.listenerArn(https.listenerArn()).certificates(certificate(other)));
    List<String> listed = nonDefaultCertificates(https.listenerArn());
    it.aws
        .elbv2()
        .addListenerCertificates(
            r ->
                r.listenerArn(https.listenerArn())
                    .certificates(
                        sorted.stream()
                            .filter(c -> !listed.contains(c))
                            .map(IngressAdoptionIT::certificate)
                            .toList()));
    assertThat(it.alb.onlyListener(443).certificates().get(0).certificateArn()).isEqualTo(other);
    Map<String, String> before = inventory();

    InProcessController ours = it.restartController();
    it.awaitReconcileAfter(0);

    System.out.printf(
        "ALB adoption, other discovered default: %d AWS writes (calls %s)%n",
        ours.awsWrites(), ours.awsCallsByOperation());
    assertThat(ours.awsWrites()).isZero();
    assertThat(inventory()).isEqualTo(before);
  }

  private static Certificate certificate(String arn) {
    return Certificate.builder().certificateArn(arn).build();
  }

  /** The certificates listed as not default, sorted. */
  private List<String> nonDefaultCertificates(String listenerArn) {
    return it
        .aws
        .elbv2()
        .describeListenerCertificates(r -> r.listenerArn(listenerArn))
        .certificates()
        .stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .map(Certificate::certificateArn)
        .sorted()
        .toList();
  }

  /**
   * What identifies each resource of the cluster: the load balancer, each listener with its default
   * certificate, each rule with its priority, target groups and security groups.
   */
  private Map<String, String> inventory() {
    var found = new TreeMap<String, String>();
    String lb = it.alb.onlyLoadBalancer().loadBalancerArn();
    found.put("loadBalancer", lb);
    for (Listener listener : it.alb.listeners(lb)) {
      found.put("listener " + listener.port(), listener.listenerArn());
      found.put(
          "defaultCertificate " + listener.port(),
          listener.certificates().isEmpty()
              ? "-"
              : listener.certificates().get(0).certificateArn());
      it.alb
          .rules(listener.listenerArn())
          .forEach(
              rule -> found.put("rule " + listener.port() + " " + rule.priority(), rule.ruleArn()));
    }
    it.alb
        .targetGroups()
        .forEach(tg -> found.put("targetGroup " + tg.targetGroupName(), tg.targetGroupArn()));
    it.alb
        .securityGroups()
        .forEach(sg -> found.put("securityGroup " + sg.groupName(), sg.groupId()));
    return found;
  }
}
