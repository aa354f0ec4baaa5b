package io.lbc.targets;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Edits;
import io.lbc.rig.Kubelet;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Arranges what a TargetGroupBinding works on: target groups in moto, Services, and the pods behind
 * them, either run for real ({@link #deployment}: a Deployment the rig's scheduler places on {@link
 * #kwokNode kwok nodes}, whose EndpointSlices the endpoint-slice controller writes) or written by
 * hand ({@link #slice}, {@link #pod}, {@link #node}) where a test needs a state the real lifecycle
 * cannot produce quickly. Remembers the nodes it made: they are cluster-wide and outlive the test's
 * namespace, so {@link #close()} deletes them.
 */
final class BindingFixtures implements AutoCloseable {
  private final KubernetesClient kube;
  private final AwsTestClients aws;
  private final String namespace;
  private final List<String> nodes = new ArrayList<>();
  private final KwokNodes kwok;

  BindingFixtures(KubernetesClient kube, AwsTestClients aws, String namespace) {
    this.kube = kube;
    this.aws = aws;
    this.namespace = namespace;
    this.kwok = new KwokNodes(kube, aws.ec2());
  }

  /** A node kwok runs, backed by an instance in the subnet; its pods' interfaces in the groups. */
  KwokNodes.KwokNode kwokNode(String suffix, String subnetId, String... podSecurityGroupIds) {
    return kwok.add(namespace + "-" + suffix, subnetId, podSecurityGroupIds);
  }

  /**
   * The Deployment {@code name} (pods labelled {@code app: name}, container port {@code web} =
   * 8080) with the readiness gates; waits until each replica runs with an IP and returns the IPs,
   * sorted.
   */
  List<String> deployment(String name, int replicas, String... gates) {
    kube.resource(Workloads.deployment(namespace, name, replicas, 8080, 1, gates)).create();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var pods = Workloads.livePods(kube, namespace, name);
              return pods.size() == replicas
                  && pods.stream().allMatch(p -> Workloads.isTrue(p, "ContainersReady"));
            });
    return Workloads.livePods(kube, namespace, name).stream()
        .map(p -> p.getStatus().getPodIP())
        .sorted()
        .toList();
  }

  String targetGroup(String name, TargetTypeEnum type, String vpcId) {
    return AwsFixtures.targetGroup(aws.elbv2(), name, vpcId, type);
  }

  /** The targets registered in moto, as {@code id:port}, sorted. */
  List<String> targets(String arn) {
    return aws.targets(arn);
  }

  Service service(Service service) {
    return kube.resource(service).create();
  }

  void slice(String name, String service, int port, List<Ep> endpoints) {
    EndpointSlice slice = K8sObjects.slice(namespace, name, service, port, endpoints);
    kube.resource(slice).createOr(existing -> existing.update());
  }

  /**
   * A pod with its IP and conditions written by hand through {@code /status}, as the kubelet would;
   * prefer {@link #deployment}, and say in the test why it needs this one.
   */
  Pod pod(
      String name, String ip, int port, boolean containersReady, boolean ready, String... gates) {
    return Kubelet.create(
        kube, K8sObjects.pod(namespace, name, ip, port, containersReady, ready, gates));
  }

  /** A node named after the test, running the instance; Ready or not. */
  Node node(String name, String instanceId, boolean ready, Map<String, String> labels) {
    Node node = Kubelet.create(kube, K8sObjects.node(name, instanceId, ready, labels));
    nodes.add(name);
    return node;
  }

  TargetGroupBinding binding(
      String name, String arn, BindingTargetType type, String service, int port) {
    var binding = K8sObjects.binding(namespace, name, arn, type, service, port);
    binding.getMetadata().setUid(null);
    binding.getMetadata().setGeneration(null);
    return binding;
  }

  TargetGroupBinding create(TargetGroupBinding binding) {
    return kube.resource(binding).create();
  }

  TargetGroupBinding get(String name) {
    return kube.resources(TargetGroupBinding.class).inNamespace(namespace).withName(name).get();
  }

  /** Deletes the binding and waits until the controller released its finalizer. */
  void delete(String name) {
    kube.resources(TargetGroupBinding.class).inNamespace(namespace).withName(name).delete();
    kube.resources(TargetGroupBinding.class)
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(b -> b == null, 60, TimeUnit.SECONDS);
  }

  List<Event> events(HasMetadata object, String reason) {
    return kube.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> object.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /**
   * Deletes every binding of the namespace and waits for the controller to let go; finalizers it
   * did not release in time are removed, so no binding outlives the test (the namespace never
   * finishes terminating, and a controller of a later test watching all namespaces would see it).
   */
  void releaseBindings() {
    var bindings = kube.resources(TargetGroupBinding.class).inNamespace(namespace);
    bindings.list().getItems().forEach(b -> kube.resource(b).delete());
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> bindings.list().getItems().isEmpty());
    } catch (ConditionTimeoutException slowRelease) {
      // clean-up, not a check: on a busy machine the release can outlast the wait; the finalizers
      // are removed below (tests that care about deletion assert it themselves)
    } finally {
      for (TargetGroupBinding left : bindings.list().getItems()) {
        Edits.edit(
            bindings.withName(left.getMetadata().getName()),
            b -> {
              b.getMetadata().setFinalizers(List.of());
              return b;
            });
      }
    }
  }

  @Override
  public void close() {
    nodes.forEach(n -> kube.nodes().withName(n).delete());
    kwok.close();
  }
}
