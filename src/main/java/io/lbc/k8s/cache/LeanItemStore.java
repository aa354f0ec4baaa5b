package io.lbc.k8s.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The store of a controller's primary resources (Ingresses, Services, bindings): the objects as the
 * apiserver sent them, minus their managed fields and {@code last-applied-configuration} (often
 * half of an object; nothing reads them). The object is trimmed in place, before fabric8 hands it
 * to any listener, so no untrimmed copy stays reachable. Unlike JOSDK's {@code
 * TransformingItemStore} it reports full state: during the initial list fabric8 then queues keys,
 * not objects, for the listeners — the queued untrimmed objects were the start-up transient that
 * ran 10,000 pods out of a 256 MiB heap.
 */
public final class LeanItemStore<R extends HasMetadata> implements ItemStore<R> {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final ConcurrentHashMap<String, R> store = new ConcurrentHashMap<>();

  @Override
  public String getKey(R obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public R put(String key, R obj) {
    var meta = obj.getMetadata();
    if (meta != null) {
      meta.setManagedFields(null);
      if (meta.getAnnotations() != null && meta.getAnnotations().containsKey(LAST_APPLIED)) {
        var annotations = new java.util.LinkedHashMap<>(meta.getAnnotations());
        annotations.remove(LAST_APPLIED);
        meta.setAnnotations(annotations);
      }
    }
    return store.put(key, obj);
  }

  @Override
  public R remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet().stream();
  }

  @Override
  public Stream<R> values() {
    return store.values().stream();
  }

  @Override
  public R get(String key) {
    return store.get(key);
  }

  @Override
  public int size() {
    return store.size();
  }
}
