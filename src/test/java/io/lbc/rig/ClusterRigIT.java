package io.lbc.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The rig behaves like a cluster: kube-scheduler places a Deployment's pods on kwok nodes backed by
 * moto instances, kwok starts them with addresses of the node's subnet (each with its network
 * interface in moto), readiness follows the readiness gates as on a kubelet, the endpoint-slice
 * controller publishes them, and a namespace deletion finishes.
 */
@RigTest
class ClusterRigIT {
  static final String GATE = "target-health.elbv2.k8s.aws/web-tgb";

  @Test
  void aDeploymentIsScheduledOnKwokNodesStartedWithSubnetAddressesAndPublishedInSlices(
      KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    String ns = namespace.name();
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "cluster-it");
    try (var nodes = new KwokNodes(kube, aws.ec2())) {
      var a = nodes.add(ns + "-a", vpc.privateSubnetIds().get(0));
      var b = nodes.add(ns + "-b", vpc.privateSubnetIds().get(1));
      assertThat(kube.nodes().withName(a.name()).get().getSpec().getProviderID())
          .isEqualTo("aws:///us-west-2a/" + a.instanceId());

      kube.resource(Workloads.deployment(ns, "web", 4, 8080, 1)).create();
      kube.resource(Workloads.clusterIpService(ns, "web")).create();

      await().atMost(Duration.ofSeconds(60)).until(() -> Workloads.rolledOut(kube, ns, "web"));
      List<Pod> pods = Workloads.livePods(kube, ns, "web");
      assertThat(pods).hasSize(4).allMatch(p -> Workloads.isTrue(p, "Ready"));
      assertThat(pods).extracting(p -> p.getSpec().getNodeName()).containsOnly(a.name(), b.name());
      for (Pod pod : pods) {
        String prefix = pod.getSpec().getNodeName().equals(a.name()) ? "10.0.11." : "10.0.12.";
        assertThat(pod.getStatus().getPodIP()).startsWith(prefix);
        // the VPC CNI's part: an interface holding the pod's address, found by that address
        String ip = pod.getStatus().getPodIP();
        assertThat(
                aws.ec2()
                    .describeNetworkInterfaces(
                        r -> r.filters(f -> f.name("addresses.private-ip-address").values(ip)))
                    .networkInterfaces())
            .hasSize(1);
      }

      var podIps = pods.stream().map(p -> p.getStatus().getPodIP()).sorted().toList();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(readySliceAddresses(kube, ns, "web")).isEqualTo(podIps));
    }
  }

  @Test
  void aPodWithAReadinessGateIsReadyOnlyWhileItsGateIsTrue(
      KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    String ns = namespace.name();
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "cluster-it");
    try (var nodes = new KwokNodes(kube, aws.ec2())) {
      nodes.add(ns + "-a", vpc.privateSubnetIds().get(0));
      kube.resource(Workloads.deployment(ns, "web", 1, 8080, 1, GATE)).create();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  Workloads.livePods(kube, ns, "web").stream()
                      .anyMatch(p -> Workloads.isTrue(p, "ContainersReady")));
      Pod pod = Workloads.livePods(kube, ns, "web").get(0);
      assertThat(Workloads.isTrue(pod, "Ready")).as("held back by the missing gate").isFalse();
      assertThat(Workloads.condition(pod, "Ready").orElseThrow().getReason())
          .isEqualTo("ReadinessGatesNotReady");

      setGate(kube, pod, "True");
      await().atMost(Duration.ofSeconds(30)).until(() -> isReady(kube, pod));
      assertThat(Workloads.isTrue(get(kube, pod), GATE)).as("kwok keeps the gate").isTrue();

      setGate(kube, pod, "False");
      await().atMost(Duration.ofSeconds(30)).until(() -> !isReady(kube, pod));
    }
  }

  @Test
  void aDeletedNamespaceGoesAwayWithItsDeploymentAndPods(
      KubernetesClient kube, AwsTestClients aws) {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), "cluster-it");
    String ns = RigExtension.namespaceName("deleted");
    kube.namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .endMetadata()
                .build())
        .create();
    try (var nodes = new KwokNodes(kube, aws.ec2())) {
      nodes.add(ns + "-a", vpc.privateSubnetIds().get(0));
      kube.resource(Workloads.deployment(ns, "web", 2, 8080, 0)).create();
      await().atMost(Duration.ofSeconds(60)).until(() -> Workloads.rolledOut(kube, ns, "web"));

      kube.namespaces().withName(ns).delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> kube.namespaces().withName(ns).get() == null);
      assertThat(kube.apps().replicaSets().inNamespace(ns).list().getItems()).isEmpty();
    }
  }

  private static List<String> readySliceAddresses(KubernetesClient kube, String ns, String svc) {
    return kube
        .discovery()
        .v1()
        .endpointSlices()
        .inNamespace(ns)
        .withLabel("kubernetes.io/service-name", svc)
        .list()
        .getItems()
        .stream()
        .map(EndpointSlice::getEndpoints)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(e -> Boolean.TRUE.equals(e.getConditions().getReady()))
        .map(Endpoint::getAddresses)
        .flatMap(List::stream)
        .sorted()
        .toList();
  }

  private static Pod get(KubernetesClient kube, Pod pod) {
    return kube.pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .get();
  }

  private static boolean isReady(KubernetesClient kube, Pod pod) {
    return Workloads.isTrue(get(kube, pod), "Ready");
  }

  /** Writes the gate's condition as the load balancer controller would. */
  private static void setGate(KubernetesClient kube, Pod pod, String status) {
    Edits.editStatus(
        kube.pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()),
        p -> {
          var conditions = new java.util.ArrayList<>(p.getStatus().getConditions());
          conditions.removeIf(c -> GATE.equals(c.getType()));
          conditions.add(
              new PodConditionBuilder()
                  .withType(GATE)
                  .withStatus(status)
                  .withLastTransitionTime(Instant.now().toString())
                  .build());
          p.getStatus().setConditions(conditions);
          return p;
        });
  }
}
