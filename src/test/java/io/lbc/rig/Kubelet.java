package io.lbc.rig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Creates pods and nodes with their status written by hand, as the kubelet would: the apiserver
 * drops the status of a create, so it is written afterwards through {@code /status}.
 *
 * <p>The rig now runs a scheduler and kwok ({@link KwokNodes}): prefer Deployments on kwok nodes,
 * which get their status from the real pod lifecycle. Use this only for a state that lifecycle
 * cannot produce, and say why in the test. A pod made here without a node names a scheduler that
 * does not exist, so kube-scheduler leaves it (and its status) alone; nodes made here have no kwok
 * annotation, so kwok leaves them and their pods alone.
 */
public final class Kubelet {
  private Kubelet() {}

  public static final String NO_SCHEDULER = "hand-made";

  public static Pod create(KubernetesClient kube, Pod pod) {
    if (pod.getSpec().getNodeName() == null && pod.getSpec().getSchedulerName() == null) {
      pod.getSpec().setSchedulerName(NO_SCHEDULER);
    }
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
