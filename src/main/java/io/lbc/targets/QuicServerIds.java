package io.lbc.targets;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.lbc.k8s.cache.SlimPod;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's QUIC server ID for a container port, as the reference reads it: only from pods with the
 * {@code aws-load-balancer-quic-enabled-containers} annotation, from the environment variable the
 * server ID webhook injected (base64 there, {@code 0x} + hex for ELB). The ID of the container that
 * declares the port, else the first container's that has one.
 */
final class QuicServerIds {
  private QuicServerIds() {}

  /** Empty when the pod has no server ID. */
  static Optional<String> of(Pod pod, int port, String variable) {
    var annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(SlimPod.QUIC_CONTAINERS)) {
      return Optional.empty();
    }
    String fallback = null;
    Map<Integer, String> byPort = new HashMap<>();
    List<Container> containers =
        pod.getSpec() == null || pod.getSpec().getContainers() == null
            ? List.of()
            : pod.getSpec().getContainers();
    for (Container container : containers) {
      Optional<String> id = fromEnv(container, variable);
      if (id.isEmpty()) {
        continue;
      }
      if (container.getPorts() != null) {
        for (ContainerPort declared : container.getPorts()) {
          byPort.put(declared.getContainerPort(), id.get());
        }
      }
      fallback = fallback == null ? id.get() : fallback;
    }
    return Optional.ofNullable(byPort.getOrDefault(port, fallback));
  }

  private static Optional<String> fromEnv(Container container, String variable) {
    if (container.getEnv() == null) {
      return Optional.empty();
    }
    for (EnvVar env : container.getEnv()) {
      if (variable.equals(env.getName())) {
        return elbFormat(env.getValue());
      }
    }
    return Optional.empty();
  }

  /** base64 → {@code 0x} + lower-case hex; empty when the value is not base64. */
  static Optional<String> elbFormat(String base64) {
    if (base64 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of("0x" + HexFormat.of().formatHex(Base64.getDecoder().decode(base64)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
