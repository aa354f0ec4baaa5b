package io.lbc.rig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Creates pods and nodes with their status, as the kubelet would: the apiserver drops the status of
 * a create, so it is written afterwards through {@code /status}.
 */
public final class Kubelet {
  private Kubelet() {}

  public static Pod create(KubernetesClient kube, Pod pod) {
    var stored =
        kube.pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName());
    return createWithStatus(kube, pod, stored, Pod::getStatus, Pod::setStatus);
  }

  public static Node create(KubernetesClient kube, Node node) {
    var stored = kube.nodes().withName(node.getMetadata().getName());
    return createWithStatus(kube, node, stored, Node::getStatus, Node::setStatus);
  }

  private static <T extends HasMetadata, S> T createWithStatus(
      KubernetesClient kube,
      T object,
      Resource<T> stored,
      Function<T, S> status,
      BiConsumer<T, S> setStatus) {
    S wanted = status.apply(object);
    setStatus.accept(object, null);
    kube.resource(object).create();
    return stored.editStatus(
        current -> {
          setStatus.accept(current, wanted);
          return current;
        });
  }
}
