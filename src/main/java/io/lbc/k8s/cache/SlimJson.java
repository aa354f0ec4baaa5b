package io.lbc.k8s.cache;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Converts a fabric8 object to its cached shape, the way the informer reads it from JSON. */
final class SlimJson {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private SlimJson() {}

  static <T> T convert(Object fabric8, Class<T> type) {
    return SERIALIZATION.convertValue(fabric8, type);
  }
}
