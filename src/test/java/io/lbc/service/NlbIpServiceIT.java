package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PortStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** An nlb-ip Service with a TCP and a UDP port, from nothing to a ready NLB, and its no-op. */
@RigTest
class NlbIpServiceIT {
  private static final Logger log = LoggerFactory.getLogger(NlbIpServiceIT.class);

  private ServiceRig world;
  private String podGroup;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    podGroup = world.kwokPodGroup();
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private Service game() {
    return ServiceObjects.nlbIp(
        world.ns,
        "game",
        Map.of(),
        port("http", 80, "TCP", 8080),
        port("voice", 3478, "UDP", 3478));
  }

  /** Runs two pods, creates the Service, waits until it converged and returns it. */
  private Service converged() {
    return world.convergeOnPods(game(), 2);
  }

  @Test
  void aTcpAndAUdpPortGetAnNlbWithTwoListenersAndThePodsRegistered() {
    long started = System.nanoTime();
    Service ready = converged();
    long convergedMs = (System.nanoTime() - started) / 1_000_000;
    InProcessController controller = world.controller();
    log.info(
        "measured nlb-ip Service created → ready with targets: {} ms, {} AWS calls, {} writes: {}",
        convergedMs,
        controller.awsCallsTotal(),
        controller.awsWrites(),
        controller.awsCallsByOperation());

    LoadBalancer lb = world.state().requireLoadBalancer(world.ns, "game");
    assertThat(lb.typeAsString()).isEqualTo("network");
    assertThat(lb.schemeAsString()).isEqualTo("internal");
    assertThat(lb.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyInAnyOrderElementsOf(world.vpc.privateSubnetIds());

    var listeners = world.state().listeners(lb.loadBalancerArn());
    assertThat(listeners).containsOnlyKeys(80, 3478);
    assertThat(listeners.get(80).protocolAsString()).isEqualTo("TCP");
    assertThat(listeners.get(3478).protocolAsString()).isEqualTo("UDP");
    TargetGroup tcp = world.state().forwardedTo(listeners.get(80));
    TargetGroup udp = world.state().forwardedTo(listeners.get(3478));
    assertThat(tcp.targetGroupArn()).isNotEqualTo(udp.targetGroupArn());
    assertThat(List.of(tcp, udp))
        .allSatisfy(tg -> assertThat(tg.targetTypeAsString()).isEqualTo("ip"));
    assertThat(tcp.protocolAsString()).isEqualTo("TCP");
    assertThat(udp.protocolAsString()).isEqualTo("UDP");
    assertThat(world.state().targetGroups()).hasSize(2);
    assertThat(world.state().tags(tcp.targetGroupArn()))
        .containsEntry("elbv2.k8s.aws/cluster", InProcessController.CLUSTER_NAME)
        .containsEntry("service.k8s.aws/stack", world.ns + "/game")
        .containsEntry("service.k8s.aws/resource", world.ns + "/game:80");

    var ingress = ready.getStatus().getLoadBalancer().getIngress();
    assertThat(ingress).singleElement();
    assertThat(ingress.get(0).getHostname())
        .isEqualTo(lb.dnsName().toLowerCase(Locale.ROOT))
        .isEqualTo(ingress.get(0).getHostname().toLowerCase(Locale.ROOT));
    assertThat(ingress.get(0).getPorts())
        .extracting(PortStatus::getPort, PortStatus::getProtocol)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(80, "TCP"),
            org.assertj.core.groups.Tuple.tuple(3478, "UDP"));
    assertThat(world.readyCondition("game"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
            });
    assertThat(ServiceRig.hasFinalizer(ready)).isTrue();
    assertThat(world.events("game", EventReasons.SUCCESSFULLY_RECONCILED)).isNotEmpty();

    // The pods' interfaces let the NLB's backend group in on the target ports, tcp for the
    // listener on 8080 and for the UDP target group's TCP health check on 3478, collapsed into one
    // range per protocol (compat-spec §6.2), udp on 3478.
    String backend = world.state().backendSecurityGroup();
    assertThat(lb.securityGroups()).contains(backend).hasSize(2);
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().groupSourcedRules(podGroup))
                    .containsExactlyInAnyOrder(
                        "tcp 3478-8080 " + backend, "udp 3478-3478 " + backend));
  }

  @Test
  void anUnchangedServiceReconciledAgainAfterARestartMakesNoWrite() {
    converged();
    long firstWrites = world.settledWrites();
    long firstCalls = world.controller().awsCallsTotal();

    InProcessController restarted = world.restartWritesNothing();
    log.info(
        "measured nlb-ip Service: first reconcile {} AWS calls / {} writes; after a restart {} calls"
            + " / {} writes: {}",
        firstCalls,
        firstWrites,
        restarted.awsCallsTotal(),
        restarted.awsWrites(),
        world.controller().awsCallsByOperation());
    assertThat(firstWrites).isPositive();
    // Read less: NLB listeners have no rules to describe.
    assertThat(restarted.awsCalls("DescribeRules")).isZero();
    assertThat(world.readyCondition("game"))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));

    // An edit that changes nothing in AWS is reconciled, and still writes nothing nor says so.
    long describes = restarted.awsCalls("DescribeLoadBalancers");
    int successEvents = eventCount(EventReasons.SUCCESSFULLY_RECONCILED);
    world.edit(
        "game",
        s -> {
          s.getMetadata().setLabels(Map.of("team", "games"));
          return s;
        });
    await()
        .atMost(ServiceRig.CONVERGED)
        .until(() -> restarted.awsCalls("DescribeLoadBalancers") > describes);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(restarted.awsWrites()).isZero());
    assertThat(eventCount(EventReasons.SUCCESSFULLY_RECONCILED)).isEqualTo(successEvents);
  }

  private int eventCount(String reason) {
    return world.events("game", reason).stream()
        .mapToInt(e -> e.getCount() == null ? 1 : e.getCount())
        .sum();
  }
}
