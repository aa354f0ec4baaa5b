package io.lbc.k8s.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The store of a controller's primary resources (Ingresses, Services, bindings): the objects as the
 * apiserver sent them, minus their managed fields and {@code last-applied-configuration} (often
 * half of an object; nothing reads them). The object is trimmed in place, before fabric8 hands it
 * to any listener, so no untrimmed copy stays reachable. Unlike JOSDK's {@code
 * TransformingItemStore} it reports full state: during the initial list fabric8 then queues keys,
 * not objects, for the listeners — the queued untrimmed objects were the start-up transient that
 * ran 10,000 pods out of a 256 MiB heap.
 *
 * <p>A store may also {@linkplain #LeanItemStore(UnaryOperator) trim} each object to what its
 * readers need, e.g. the Service controller keeps of a Service it does not manage only what tells
 * it so.
 */
public final class LeanItemStore<R extends HasMetadata> implements ItemStore<R> {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final ConcurrentHashMap<String, R> store = new ConcurrentHashMap<>();
  private final UnaryOperator<R> trim;

  public LeanItemStore() {
    this(UnaryOperator.identity());
  }

  /**
   * @param trim what is kept of each object (after managed fields and the last-applied
   *     configuration are dropped): the object itself or a smaller copy
   */
  public LeanItemStore(UnaryOperator<R> trim) {
    this.trim = trim;
  }

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
    return store.put(key, trim.apply(obj));
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
