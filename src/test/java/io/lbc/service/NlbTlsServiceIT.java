package io.lbc.service;

import static io.lbc.service.ServiceObjects.PREFIX;
import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;

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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;

/** TLS on the ports named by aws-load-balancer-ssl-ports, with the certificate of ssl-cert. */
@RigTest
class NlbTlsServiceIT {
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
  void theSslPortGetsATlsListenerWithTheCertificateAndTheOtherStaysTcp() {
    String certificate = AwsFixtures.importCertificate(world.aws.acm(), "tls.example.com");
    world.runPods("secure", 1);
    world.create(
        ServiceObjects.nlbIp(
            world.ns,
            "secure",
            Map.of(
                PREFIX + "aws-load-balancer-ssl-cert",
                certificate,
                PREFIX + "aws-load-balancer-ssl-ports",
                "https"),
            port("http", 80, "TCP", 8080),
            port("https", 443, "TCP", 8443)));

    world.awaitReady("secure");

    var lb = world.state().requireLoadBalancer(world.ns, "secure");
    var listeners = world.state().listeners(lb.loadBalancerArn());
    assertThat(listeners).containsOnlyKeys(80, 443);
    var tls = listeners.get(443);
    assertThat(tls.protocolAsString()).isEqualTo("TLS");
    assertThat(tls.certificates())
        .extracting(Certificate::certificateArn)
        .containsExactly(certificate);
    assertThat(tls.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
    assertThat(listeners.get(80).protocolAsString()).isEqualTo("TCP");
    assertThat(listeners.get(80).certificates()).isEmpty();
    // TLS ends at the NLB: the backend protocol defaults to tcp.
    var behindTls = world.state().forwardedTo(tls);
    assertThat(behindTls.protocolAsString()).isEqualTo("TCP");
    assertThat(behindTls.port()).isEqualTo(8443);
    world.awaitTargets(behindTls.targetGroupArn(), world.podTargets("secure", 8443));
    world.awaitTargets(
        world.state().forwardedTo(listeners.get(80)).targetGroupArn(),
        world.podTargets("secure", 8080));

    // moto refuses ModifyListener on TLS (moto-gaps #20): any false drift would fail here.
    world.restartWritesNothing();
    assertThat(world.state().listeners(lb.loadBalancerArn()).get(443).listenerArn())
        .isEqualTo(tls.listenerArn());
  }
}
