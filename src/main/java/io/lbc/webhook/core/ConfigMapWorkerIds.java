package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The worker ID of this process's QUIC server IDs, from the ConfigMap the reference keeps for it
 * ({@code kube-system/quic-server-id-worker-tracker}, key {@code nextWorkerId}): the stored value,
 * or a random one when there is none, and the next value stored back for the next process.
 */
public final class ConfigMapWorkerIds implements LongUnaryOperator {
  static final String NAMESPACE = "kube-system";
  static final String NAME = "quic-server-id-worker-tracker";
  static final String KEY = "nextWorkerId";

  private final KubernetesClient kube;

  public ConfigMapWorkerIds(KubernetesClient kube) {
    this.kube = kube;
  }

  @Override
  public long applyAsLong(long maxId) {
    var resource = kube.configMaps().inNamespace(NAMESPACE).withName(NAME);
    ConfigMap current = resource.get();
    String stored =
        current == null || current.getData() == null ? null : current.getData().get(KEY);
    long workerId =
        stored == null ? ThreadLocalRandom.current().nextLong(maxId + 1) : Long.parseLong(stored);
    String next = String.valueOf((workerId + 1) % maxId);
    if (current == null) {
      kube.configMaps()
          .inNamespace(NAMESPACE)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withNamespace(NAMESPACE)
                  .withName(NAME)
                  .endMetadata()
                  .addToData(KEY, next)
                  .build())
          .create();
    } else {
      var data =
          new HashMap<String, String>(
              current.getData() == null ? java.util.Map.of() : current.getData());
      data.put(KEY, next);
      current.setData(data);
      kube.configMaps().inNamespace(NAMESPACE).resource(current).update();
    }
    return workerId;
  }
}
