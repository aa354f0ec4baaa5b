package io.lbc.rig;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Nodes that kwok plays the kubelet for (rig/kwok/stages.yaml), each backed by an EC2 instance in
 * moto: the node's {@code providerID} names the instance, its InternalIP is the instance's address,
 * and its {@code podCIDR} is a /26 of the instance's subnet, so the pods kwok starts there get
 * addresses of the subnet. For each of the first {@value #POD_INTERFACES} addresses a network
 * interface is made in moto, as the VPC CNI would, so pod ENI lookups by IP resolve.
 *
 * <p>Nodes are cluster-wide and outlive the test's namespace: {@link #close()} deletes the ones
 * made here. A subnet holds at most three such nodes (its .64, .128 and .192 blocks).
 */
public final class KwokNodes implements AutoCloseable {
  /** The annotation kwok selects its nodes by (rig/up). */
  public static final String MANAGED_BY = "kwok.x-k8s.io/node";

  /** Pod addresses per node that get an interface in moto up front. */
  public static final int POD_INTERFACES = 24;

  private static final int MAX_NODES_PER_SUBNET = 3;

  /** A node kwok runs: its instance, zone, address and the pod addresses it hands out. */
  public record KwokNode(
      String name, String instanceId, String zone, String internalIp, String podCidr) {}

  private final KubernetesClient kube;
  private final Ec2Client ec2;
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> nodesPerSubnet = new HashMap<>();

  public KwokNodes(KubernetesClient kube, Ec2Client ec2) {
    this.kube = kube;
    this.ec2 = ec2;
  }

  /**
   * A Ready node named {@code name}, running a new instance in the subnet (a /24 or larger); its
   * pods' interfaces are in {@code podSecurityGroupIds} (the subnet's VPC default if none).
   */
  public KwokNode add(String name, String subnetId, String... podSecurityGroupIds) {
    Subnet subnet = ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0);
    int slot = nodesPerSubnet.merge(subnetId, 1, Integer::sum) - 1;
    if (slot >= MAX_NODES_PER_SUBNET) {
      throw new IllegalStateException("at most three kwok nodes per subnet: " + subnetId);
    }
    long base = address(subnet.cidrBlock().split("/")[0]);
    String internalIp = dotted(base + 10 + slot);
    long podBlock = base + 64L * (slot + 1);
    String instanceId =
        ec2.runInstances(
                r -> {
                  r.imageId("ami-03cf127a")
                      .instanceType("t3.micro")
                      .minCount(1)
                      .maxCount(1)
                      .subnetId(subnetId)
                      .privateIpAddress(internalIp);
                  if (podSecurityGroupIds.length > 0) {
                    r.securityGroupIds(podSecurityGroupIds);
                  }
                })
            .instances()
            .get(0)
            .instanceId();
    for (int i = 1; i <= POD_INTERFACES; i++) {
      String ip = dotted(podBlock + i);
      ec2.createNetworkInterface(
          r -> {
            r.subnetId(subnetId).privateIpAddress(ip).description("pod address on " + name);
            if (podSecurityGroupIds.length > 0) {
              r.groups(podSecurityGroupIds);
            }
          });
    }
    var node =
        new KwokNode(
            name, instanceId, subnet.availabilityZone(), internalIp, dotted(podBlock) + "/26");
    kube.resource(toNode(node)).create();
    names.add(name);
    kube.nodes().withName(name).waitUntilCondition(KwokNodes::isReady, 60, TimeUnit.SECONDS);
    return node;
  }

  private static Node toNode(KwokNode node) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(node.name())
        .withAnnotations(Map.of(MANAGED_BY, "fake", "rig.lbc.io/internal-ip", node.internalIp()))
        .withLabels(
            Map.of(
                "kubernetes.io/hostname", node.name(),
                "kubernetes.io/os", "linux",
                "topology.kubernetes.io/zone", node.zone(),
                "node.kubernetes.io/instance-type", "t3.micro",
                "type", "kwok"))
        .endMetadata()
        .withNewSpec()
        .withProviderID("aws:///" + node.zone() + "/" + node.instanceId())
        .withPodCIDR(node.podCidr())
        .withPodCIDRs(node.podCidr())
        .endSpec()
        .build();
  }

  static boolean isReady(Node node) {
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static long address(String dotted) {
    long value = 0;
    for (String part : dotted.split("\\.")) {
      value = value * 256 + Integer.parseInt(part);
    }
    return value;
  }

  private static String dotted(long address) {
    return (address >> 24 & 255)
        + "."
        + (address >> 16 & 255)
        + "."
        + (address >> 8 & 255)
        + "."
        + (address & 255);
  }

  /**
   * Deletes the nodes made here, and first at once every pod still bound to them: without its node
   * no one would finish their termination, and their namespace would never go away.
   */
  @Override
  public void close() {
    for (String name : names) {
      kube.pods().inAnyNamespace().withField("spec.nodeName", name).withGracePeriod(0).delete();
      kube.nodes().withName(name).withGracePeriod(0).delete();
    }
    names.clear();
  }
}
