package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The {@code EndpointsFailOpen} gate against the apiserver and moto: two instance-target nodes, one
 * Ready and one whose kubelet stopped reporting (Ready {@code Unknown}); then the Ready one stops
 * reporting too. With the gate (the default) the nodes of Unknown readiness are registered once no
 * node is known to be ready, as the reference does; without it the target group is emptied.
 *
 * <p>Nodes are written by hand, not run by kwok: kwok keeps its nodes Ready.
 */
@RigTest
class EndpointsFailOpenIT {
  private Rig rig;
  private KubernetesClient kube;
  private AwsTestClients aws;
  private String ns;
  private BindingFixtures fixtures;
  private InProcessController controller;
  private TestVpc vpc;
  private List<String> instances;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.fixtures = new BindingFixtures(kube, aws, ns);
    Crds.apply(kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    instances = AwsFixtures.runInstances(aws.ec2(), vpc.privateSubnetIds().get(0), 2);
  }

  @AfterEach
  void stop() {
    try {
      fixtures.releaseBindings();
    } finally {
      if (controller != null) {
        controller.close();
      }
      fixtures.close();
    }
  }

  @Test
  void withTheGateNodesOfUnknownReadinessAreRegisteredWhenNoneIsReady() {
    controller = InProcessController.start(rig, aws, vpc.vpcId(), ns);
    int nodePort = bindTwoNodes();

    awaitTargets(targetsOn(nodePort, 0));
    readiness(ns + "-0", "Unknown");
    awaitTargets(targetsOn(nodePort, 0, 1));
  }

  @Test
  void withoutTheGateOnlyReadyNodesAreEverRegistered() {
    controller =
        InProcessController.start(
            rig, aws, vpc.vpcId(), ns, "--feature-gates=EndpointsFailOpen=false");
    int nodePort = bindTwoNodes();

    awaitTargets(targetsOn(nodePort, 0));
    readiness(ns + "-0", "Unknown");
    awaitTargets(List.of());
  }

  private String arn;

  /** Node 0 Ready, node 1 Unknown, an instance binding over both; returns the NodePort. */
  private int bindTwoNodes() {
    fixtures.node(ns + "-0", instances.get(0), true, Map.of());
    fixtures.node(ns + "-1", instances.get(1), true, Map.of());
    readiness(ns + "-1", "Unknown");
    arn = fixtures.targetGroup("nodes", TargetTypeEnum.INSTANCE, vpc.vpcId());
    var service = fixtures.service(K8sObjects.nodePortService(ns, "web", 80, null, false));
    fixtures.create(fixtures.binding("web", arn, BindingTargetType.INSTANCE, "web", 80));
    return service.getSpec().getPorts().get(0).getNodePort();
  }

  private void readiness(String node, String status) {
    kube.nodes()
        .withName(node)
        .editStatus(
            n -> {
              n.getStatus().getConditions().get(0).setStatus(status);
              return n;
            });
  }

  private List<String> targetsOn(int nodePort, int... indexes) {
    return Arrays.stream(indexes)
        .mapToObj(i -> instances.get(i) + ":" + nodePort)
        .sorted()
        .toList();
  }

  private void awaitTargets(List<String> expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(fixtures.targets(arn)).containsExactlyElementsOf(expected));
  }
}
