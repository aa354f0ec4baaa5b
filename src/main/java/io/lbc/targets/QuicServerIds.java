package io.lbc.targets;

import io.lbc.k8s.cache.SlimPod;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
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
  static Optional<String> of(SlimPod pod, int port, String variable) {
    if (!pod.meta().annotations().containsKey(SlimPod.QUIC_CONTAINERS)) {
      return Optional.empty();
    }
    String fallback = null;
    Map<Integer, String> byPort = new HashMap<>();
    for (SlimPod.Container container : pod.containers()) {
      Optional<String> id = fromEnv(container, variable);
      if (id.isEmpty()) {
        continue;
      }
      for (SlimPod.Port declared : container.ports()) {
        byPort.put(declared.containerPort(), id.get());
      }
      fallback = fallback == null ? id.get() : fallback;
    }
    return Optional.ofNullable(byPort.getOrDefault(port, fallback));
  }

  private static Optional<String> fromEnv(SlimPod.Container container, String variable) {
    return container.env().stream()
        .filter(env -> variable.equals(env.name()))
        .findFirst()
        .flatMap(env -> elbFormat(env.value()));
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
