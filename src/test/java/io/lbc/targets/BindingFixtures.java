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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Arranges what a TargetGroupBinding works on, the way the cluster's own controllers would (none
 * run in the rig): target groups in moto, Services, EndpointSlices, Pods and Nodes with their
 * status in the apiserver. Remembers the nodes it made: they are cluster-wide and outlive the
 * test's namespace, so {@link #close()} deletes them.
 */
final class BindingFixtures implements AutoCloseable {
  private final KubernetesClient kube;
  private final AwsTestClients aws;
  private final String namespace;
  private final List<String> nodes = new ArrayList<>();

  BindingFixtures(KubernetesClient kube, AwsTestClients aws, String namespace) {
    this.kube = kube;
    this.aws = aws;
    this.namespace = namespace;
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

  /** A pod with its IP and conditions set through {@code /status}, as the kubelet would. */
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
      await().atMost(Duration.ofSeconds(30)).until(() -> bindings.list().getItems().isEmpty());
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
  }
}
