package io.lbc.service;

import static io.lbc.service.ServiceObjects.PREFIX;
import static io.lbc.service.ServiceObjects.port;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Taking over an NLB with a TLS listener from the reference controller: the reference registers the
 * default certificate in the listener's certificate list too (AddListenerCertificates with every
 * certificate, the default one included). Our controller takes that layout as converged: no
 * RemoveListenerCertificates, no ModifyListener (on moto that one is refused for TLS, moto-gaps
 * #20, so a false drift loops), nothing replaced.
 */
@RigTest
class NlbAdoptionIT {
  private ServiceRig world;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void aTlsListenerInTheReferencesCertificateLayoutIsAdoptedWithoutAWrite() {
    String first = AwsFixtures.importCertificate(world.aws.acm(), "tls.example.com");
    String second = AwsFixtures.importCertificate(world.aws.acm(), "tls2.example.com");
    world.convergeOnPods(
        ServiceObjects.nlbIp(
            world.ns,
            "secure",
            Map.of(
                PREFIX + "aws-load-balancer-ssl-cert",
                first + "," + second,
                PREFIX + "aws-load-balancer-ssl-ports",
                "https"),
            port("http", 80, "TCP", 8080),
            port("https", 443, "TCP", 8443)),
        1);
    LoadBalancer lb = world.state().requireLoadBalancer(world.ns, "secure");
    Listener tls = world.state().listeners(lb.loadBalancerArn()).get(443);
    assertThat(tls.protocolAsString()).isEqualTo("TLS");
    assertThat(tls.certificates().get(0).certificateArn())
        .as("ssl-cert's first certificate is the default, as the reference takes it")
        .isEqualTo(first);
    Map<String, String> before = inventory(lb);
    world.stop();

    // The reference's layout: every certificate, the default one included, in the list.
    world
        .aws
        .elbv2()
        .addListenerCertificates(
            r ->
                r.listenerArn(tls.listenerArn())
                    .certificates(Certificate.builder().certificateArn(first).build()));
    assertThat(nonDefaultCertificates(tls.listenerArn())).containsExactlyInAnyOrder(first, second);

    InProcessController ours = world.restartWritesNothing();

    System.out.printf(
        "NLB adoption: %d AWS writes after take-over (calls %s)%n",
        ours.awsWrites(), ours.awsCallsByOperation());
    assertThat(ours.awsWrites()).isZero();
    assertThat(ours.awsCalls("ModifyListener")).isZero();
    assertThat(ours.awsCalls("RemoveListenerCertificates")).isZero();
    assertThat(inventory(lb)).as("nothing replaced").isEqualTo(before);
    assertThat(nonDefaultCertificates(tls.listenerArn())).containsExactlyInAnyOrder(first, second);
  }

  /** The certificates listed as not default, sorted. */
  private List<String> nonDefaultCertificates(String listenerArn) {
    return world
        .aws
        .elbv2()
        .describeListenerCertificates(r -> r.listenerArn(listenerArn))
        .certificates()
        .stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .map(c -> c.certificateArn())
        .sorted()
        .toList();
  }

  /** Load balancer, listeners, target groups and security groups by what identifies them. */
  private Map<String, String> inventory(LoadBalancer lb) {
    var found = new TreeMap<String, String>();
    found.put("loadBalancer", lb.loadBalancerArn());
    world
        .state()
        .listeners(lb.loadBalancerArn())
        .forEach(
            (port, listener) -> {
              found.put("listener " + port, listener.listenerArn());
              found.put(
                  "targetGroup " + port, world.state().forwardedTo(listener).targetGroupArn());
              found.put(
                  "defaultCertificate " + port,
                  listener.certificates().isEmpty()
                      ? "-"
                      : listener.certificates().get(0).certificateArn());
            });
    found.put(
        "securityGroups",
        String.valueOf(
            world.state().requireLoadBalancer(world.ns, "secure").securityGroups().stream()
                .sorted()
                .toList()));
    found.put("targetGroupCount", String.valueOf(world.state().targetGroups().size()));
    return found;
  }
}
