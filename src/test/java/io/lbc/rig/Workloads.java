package io.lbc.rig;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Deployments as a user writes them, for the rig's scheduler and kwok nodes to run: one container
 * named {@code web} with the container port named {@code web}, pods labelled {@code app: <name>}.
 */
public final class Workloads {
  private Workloads() {}

  /**
   * {@code replicas} pods of {@code name}; {@code gates} become readiness gates of the template.
   * The grace period is how long a deleted pod keeps its IP (kwok's pod-delete stage).
   */
  public static Deployment deployment(
      String namespace,
      String name,
      int replicas,
      int containerPort,
      long terminationGraceSeconds,
      String... gates) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(terminationGraceSeconds)
        .addNewContainer()
        .withName("web")
        .withImage("registry.example/" + name + ":1")
        .addNewPort()
        .withName("web")
        .withContainerPort(containerPort)
        .endPort()
        .endContainer()
        .withReadinessGates(Arrays.stream(gates).map(PodReadinessGate::new).toList())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** A ClusterIP Service {@code name}: port {@code http} 80 → the pods' port {@code web}. */
  public static Service clusterIpService(String namespace, String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app", name))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withTargetPort(new IntOrString("web"))
        .endPort()
        .endSpec()
        .build();
  }

  /** The Deployment's pods that are not being deleted. */
  public static List<Pod> livePods(KubernetesClient kube, String namespace, String name) {
    return kube.pods().inNamespace(namespace).withLabel("app", name).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  public static boolean isTrue(Pod pod, String condition) {
    return condition(pod, condition).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  public static java.util.Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return java.util.Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findAny();
  }

  /** Whether the Deployment has rolled out: every replica updated, available, none left over. */
  public static boolean rolledOut(KubernetesClient kube, String namespace, String name) {
    Deployment d = kube.apps().deployments().inNamespace(namespace).withName(name).get();
    if (d == null || d.getStatus() == null) {
      return false;
    }
    var status = d.getStatus();
    int wanted = d.getSpec().getReplicas();
    return status.getObservedGeneration() != null
        && status.getObservedGeneration() >= d.getMetadata().getGeneration()
        && equal(status.getUpdatedReplicas(), wanted)
        && equal(status.getAvailableReplicas(), wanted)
        && equal(status.getReplicas(), wanted);
  }

  private static boolean equal(Integer value, int wanted) {
    return value != null && value == wanted;
  }
}
