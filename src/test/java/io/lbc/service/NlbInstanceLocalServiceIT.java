package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Edits;
import io.lbc.rig.KwokNodes.KwokNode;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A Service of this controller's loadBalancerClass in instance mode with externalTrafficPolicy:
 * Local: kube-proxy's health check on the allocated healthCheckNodePort, and only the nodes that
 * run an endpoint as targets. The pods are Deployments the rig's scheduler places on three kwok
 * nodes (each pinned to its node by a nodeSelector), and the endpoint-slice controller publishes
 * them.
 */
@RigTest
class NlbInstanceLocalServiceIT {
  /** The label the Service selects; each Deployment also keeps its own {@code app} label. */
  private static final Map<String, String> SELECTED = Map.of("svc", "web");

  private ServiceRig world;
  private KubernetesClient kube;
  private List<String> instances;
  private String nodeGroup;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.kube = kube;
    world = new ServiceRig(rig, kube, aws, namespace);
    nodeGroup = world.clusterSecurityGroup("nodes");
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void healthChecksGoToTheHealthCheckNodePortAndOnlyNodesWithEndpointsAreTargets() {
    List<KwokNode> nodes =
        List.of(
            world.kwokNode("1", nodeGroup),
            world.kwokNode("2", nodeGroup),
            world.kwokNode("3", nodeGroup));
    instances = nodes.stream().map(KwokNode::instanceId).toList();
    String first = nodes.get(0).name();
    String second = nodes.get(1).name();
    String third = nodes.get(2).name();
    Service service =
        ServiceObjects.loadBalancer(world.ns, "web", Map.of(), port("http", 80, "TCP", 8080));
    service.getSpec().setSelector(SELECTED);
    service.getSpec().setLoadBalancerClass(ServiceObjects.NLB_CLASS);
    service.getSpec().setExternalTrafficPolicy("Local");
    Service created = world.create(service);
    int nodePort = created.getSpec().getPorts().get(0).getNodePort();
    int healthCheckNodePort = created.getSpec().getHealthCheckNodePort();
    assertThat(nodePort).isBetween(30000, 32767);
    assertThat(healthCheckNodePort).isBetween(30000, 32767).isNotEqualTo(nodePort);
    // Two endpoints on the first node, one on the second, none on the third.
    runOn("web-a", 2, first);
    runOn("web-b", 1, second);

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
    kube.apps().deployments().inNamespace(world.ns).withName("web-a").scale(1);
    pin("web-b", third);
    await().atMost(ServiceRig.CONVERGED).until(() -> Workloads.rolledOut(kube, world.ns, "web-b"));
    world.awaitTargets(
        group.targetGroupArn(),
        List.of(instances.get(0) + ":" + nodePort, instances.get(2) + ":" + nodePort));

    world.restartWritesNothing();
  }

  /** Runs the Deployment {@code app} (selected by the Service) on the node; waits for it. */
  private void runOn(String app, int replicas, String node) {
    Deployment deployment = Workloads.deployment(world.ns, app, replicas, 8080, 1);
    var template = deployment.getSpec().getTemplate();
    var labels = new HashMap<>(template.getMetadata().getLabels());
    labels.putAll(SELECTED);
    template.getMetadata().setLabels(labels);
    template.getSpec().setNodeSelector(Map.of("kubernetes.io/hostname", node));
    kube.resource(deployment).create();
    await().atMost(ServiceRig.CONVERGED).until(() -> Workloads.rolledOut(kube, world.ns, app));
  }

  /** Moves the Deployment's pods to the node (a rollout). */
  private void pin(String app, String node) {
    Edits.edit(
        kube.apps().deployments().inNamespace(world.ns).withName(app),
        d -> {
          d.getSpec()
              .getTemplate()
              .getSpec()
              .setNodeSelector(Map.of("kubernetes.io/hostname", node));
          return d;
        });
  }
}
