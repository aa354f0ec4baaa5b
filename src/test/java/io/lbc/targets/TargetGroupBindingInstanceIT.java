package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.networking.BackendRules;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** Instance targets and backend security group rules, in-process against the apiserver and moto. */
@RigTest
class TargetGroupBindingInstanceIT {
  private static final Duration CONVERGED = Duration.ofSeconds(30);

  private KubernetesClient kube;
  private AwsTestClients aws;
  private String ns;
  private BindingFixtures fixtures;
  private InProcessController controller;
  private TestVpc vpc;
  private String nodeGroup;
  private List<String> instances;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.fixtures = new BindingFixtures(kube, aws, ns);
    Crds.apply(kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    nodeGroup = securityGroup("nodes", "kubernetes.io/cluster/" + InProcessController.CLUSTER_NAME);
    instances = AwsFixtures.runInstances(aws.ec2(), vpc.privateSubnetIds().get(0), 3, nodeGroup);
    controller = InProcessController.start(rig, aws, vpc.vpcId(), ns);
  }

  @AfterEach
  void stop() {
    try {
      fixtures.releaseBindings();
    } finally {
      controller.close();
      fixtures.close();
    }
  }

  private String securityGroup(String name, String tagKey) {
    return AwsFixtures.securityGroup(
        aws.ec2(), vpc.vpcId(), name, AwsFixtures.tag(tagKey, "owned"));
  }

  /**
   * Three nodes on the three instances: pools a, a and b. Written by hand, not run by kwok: the
   * first test turns a node NotReady, which kwok never does (it keeps its nodes Ready), and the
   * tests need the nodes' labels and Ready status exactly as written, not as kwok's stages set
   * them.
   */
  private void nodes() {
    fixtures.node(ns + "-1", instances.get(0), true, Map.of("pool", "a"));
    fixtures.node(ns + "-2", instances.get(1), true, Map.of("pool", "a"));
    fixtures.node(ns + "-3", instances.get(2), true, Map.of("pool", "b"));
  }

  private List<String> targetsOn(int nodePort, int... instanceIndexes) {
    return java.util.Arrays.stream(instanceIndexes)
        .mapToObj(i -> instances.get(i) + ":" + nodePort)
        .sorted()
        .toList();
  }

  private void awaitTargets(String arn, List<String> expected) {
    await()
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(fixtures.targets(arn)).containsExactlyElementsOf(expected));
  }

  @Test
  void registersReadyNodesOnTheAllocatedNodePortNarrowedByTheNodeSelector() {
    nodes();
    String arn = fixtures.targetGroup("nodes", TargetTypeEnum.INSTANCE, vpc.vpcId());
    var service = fixtures.service(K8sObjects.nodePortService(ns, "web", 80, null, false));
    int nodePort = service.getSpec().getPorts().get(0).getNodePort();
    assertThat(nodePort).isBetween(30000, 32767);
    fixtures.create(fixtures.binding("web", arn, BindingTargetType.INSTANCE, "web", 80));

    awaitTargets(arn, targetsOn(nodePort, 0, 1, 2));

    Edits.edit(
        kube.resources(TargetGroupBinding.class).inNamespace(ns).withName("web"),
        b -> {
          b.getSpec().nodeSelector =
              new LabelSelectorBuilder().withMatchLabels(Map.of("pool", "a")).build();
          return b;
        });
    awaitTargets(arn, targetsOn(nodePort, 0, 1));

    kube.nodes()
        .withName(ns + "-2")
        .editStatus(
            n -> {
              n.getStatus().getConditions().get(0).setStatus("False");
              return n;
            });
    awaitTargets(arn, targetsOn(nodePort, 0));
  }

  @Test
  void aLocalTrafficPolicyRegistersOnlyNodesRunningAnEndpoint() {
    nodes();
    String arn = fixtures.targetGroup("nodes", TargetTypeEnum.INSTANCE, vpc.vpcId());
    var service = fixtures.service(K8sObjects.nodePortService(ns, "web", 80, null, true));
    int nodePort = service.getSpec().getPorts().get(0).getNodePort();
    // A hand-made slice: the test needs one ready and one not-ready endpoint on chosen nodes in a
    // single write, then only the second turning ready; the nodes are hand-made (see nodes()), and
    // the endpoint-slice controller would publish the pods' states one change at a time.
    fixtures.slice(
        "web-1",
        "web",
        8080,
        List.of(
            Ep.ready("10.0.11.50").onNode(ns + "-2"), Ep.notReady("10.0.11.51").onNode(ns + "-3")));
    fixtures.create(fixtures.binding("web", arn, BindingTargetType.INSTANCE, "web", 80));

    awaitTargets(arn, targetsOn(nodePort, 1));

    fixtures.slice(
        "web-1",
        "web",
        8080,
        List.of(
            Ep.ready("10.0.11.50").onNode(ns + "-2"), Ep.ready("10.0.11.51").onNode(ns + "-3")));
    awaitTargets(arn, targetsOn(nodePort, 1, 2));
  }

  @Test
  void securityGroupRulesFollowTheBindingAndGoWithIt() {
    nodes();
    String backend = securityGroup("backend", "purpose");
    String arn = fixtures.targetGroup("nodes", TargetTypeEnum.INSTANCE, vpc.vpcId());
    var service = fixtures.service(K8sObjects.nodePortService(ns, "web", 80, null, false));
    int nodePort = service.getSpec().getPorts().get(0).getNodePort();
    var binding = fixtures.binding("web", arn, BindingTargetType.INSTANCE, "web", 80);
    binding.getSpec().networking = networking(backend, "10.1.0.0/16", nodePort);
    fixtures.create(binding);

    awaitTargets(arn, targetsOn(nodePort, 0, 1, 2));
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(ourRules(nodeGroup))
                    .containsExactlyInAnyOrder(
                        "tcp " + nodePort + "-" + nodePort + " from " + backend,
                        "tcp " + nodePort + "-" + nodePort + " from 10.1.0.0/16"));

    fixtures.delete("web");

    assertThat(ourRules(nodeGroup)).isEmpty();
    assertThat(fixtures.targets(arn)).isEmpty();
  }

  private static TargetGroupBindingSpec.Networking networking(
      String groupId, String cidr, int port) {
    var group = new TargetGroupBindingSpec.NetworkingPeer();
    group.securityGroup = new TargetGroupBindingSpec.SecurityGroupPeer();
    group.securityGroup.groupID = groupId;
    var block = new TargetGroupBindingSpec.NetworkingPeer();
    block.ipBlock = new TargetGroupBindingSpec.IpBlock();
    block.ipBlock.cidr = cidr;
    var portSpec = new TargetGroupBindingSpec.NetworkingPort();
    portSpec.port = new IntOrString(port);
    var rule = new TargetGroupBindingSpec.NetworkingIngressRule();
    rule.from = List.of(group, block);
    rule.ports = List.of(portSpec);
    var networking = new TargetGroupBindingSpec.Networking();
    networking.ingress = List.of(rule);
    return networking;
  }

  /** The group's inbound rules that carry the controller's description, one line each. */
  private List<String> ourRules(String groupId) {
    var group = aws.ec2().describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    var rules = new java.util.ArrayList<String>();
    for (IpPermission p : group.ipPermissions()) {
      String prefix = p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " from ";
      p.userIdGroupPairs().stream()
          .filter(g -> BackendRules.DESCRIPTION.equals(g.description()))
          .forEach(g -> rules.add(prefix + g.groupId()));
      p.ipRanges().stream()
          .filter(r -> BackendRules.DESCRIPTION.equals(r.description()))
          .forEach(r -> rules.add(prefix + r.cidrIp()));
    }
    return rules;
  }
}
