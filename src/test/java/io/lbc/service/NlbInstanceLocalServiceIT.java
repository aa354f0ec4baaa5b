package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.service.ServiceObjects.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A Service of this controller's loadBalancerClass in instance mode with externalTrafficPolicy:
 * Local: kube-proxy's health check on the allocated healthCheckNodePort, and only the nodes that
 * run an endpoint as targets.
 */
@RigTest
class NlbInstanceLocalServiceIT {
  private ServiceRig world;
  private List<String> instances;
  private String nodeGroup;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    nodeGroup = world.clusterSecurityGroup("nodes");
    instances =
        AwsFixtures.runInstances(aws.ec2(), world.vpc.privateSubnetIds().get(0), 3, nodeGroup);
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void healthChecksGoToTheHealthCheckNodePortAndOnlyNodesWithEndpointsAreTargets() {
    String first = world.node("1", instances.get(0));
    String second = world.node("2", instances.get(1));
    String third = world.node("3", instances.get(2));
    Service service =
        ServiceObjects.loadBalancer(world.ns, "web", Map.of(), port("http", 80, "TCP", 8080));
    service.getSpec().setLoadBalancerClass(ServiceObjects.NLB_CLASS);
    service.getSpec().setExternalTrafficPolicy("Local");
    Service created = world.create(service);
    int nodePort = created.getSpec().getPorts().get(0).getNodePort();
    int healthCheckNodePort = created.getSpec().getHealthCheckNodePort();
    assertThat(nodePort).isBetween(30000, 32767);
    assertThat(healthCheckNodePort).isBetween(30000, 32767).isNotEqualTo(nodePort);
    world.slice(
        created,
        List.of(
            Endpoint.at("10.0.11.31").onNode(first),
            Endpoint.at("10.0.11.32").onNode(first),
            Endpoint.at("10.0.11.33").onNode(second)));

    Service ready = world.awaitReady("web");

    assertThat(ServiceRig.hasFinalizer(ready)).isTrue();
    var lb = world.state().requireLoadBalancer(world.ns, "web");
    var listeners = world.state().listeners(lb.loadBalancerArn());
    assertThat(listeners).containsOnlyKeys(80);
    TargetGroup group = world.state().forwardedTo(listeners.get(80));
    assertThat(group.targetTypeAsString()).isEqualTo("instance");
    assertThat(group.protocolAsString()).isEqualTo("TCP");
    assertThat(group.port()).isEqualTo(nodePort);
    assertThat(group.healthCheckProtocolAsString()).isEqualTo("HTTP");
    assertThat(group.healthCheckPort()).isEqualTo(String.valueOf(healthCheckNodePort));
    assertThat(group.healthCheckPath()).isEqualTo("/healthz");
    assertThat(group.matcher().httpCode()).isEqualTo("200-399");
    assertThat(group.healthyThresholdCount()).isEqualTo(2);
    assertThat(group.unhealthyThresholdCount()).isEqualTo(2);
    assertThat(group.healthCheckTimeoutSeconds()).isEqualTo(6);
    world.awaitTargets(
        group.targetGroupArn(),
        List.of(instances.get(0) + ":" + nodePort, instances.get(1) + ":" + nodePort));

    // The nodes let the NLB's backend group in on the NodePort and the health check NodePort,
    // collapsed into one range (compat-spec §6.2).
    String backend = world.state().backendSecurityGroup();
    int low = Math.min(nodePort, healthCheckNodePort);
    int high = Math.max(nodePort, healthCheckNodePort);
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.state().groupSourcedRules(nodeGroup))
                    .containsExactly("tcp " + low + "-" + high + " " + backend));

    // An endpoint moving to the third node moves the target with it.
    world.slice(
        created,
        List.of(Endpoint.at("10.0.11.31").onNode(first), Endpoint.at("10.0.11.33").onNode(third)));
    world.awaitTargets(
        group.targetGroupArn(),
        List.of(instances.get(0) + ":" + nodePort, instances.get(2) + ":" + nodePort));

    world.restartWritesNothing();
  }
}
