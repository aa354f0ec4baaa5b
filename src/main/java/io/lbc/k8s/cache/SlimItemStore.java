package io.lbc.k8s.cache;

import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The store of a {@link ClusterCache} informer: per namespace, the objects by name, keyed by the
 * name string the object already holds. fabric8's default store keeps a {@code namespace/name} key
 * string per object and, for its namespace index, a second map entry per object (~100 bytes a pod
 * together, measured by {@code CacheMemoryBenchmark}); here the namespace is the outer map, so
 * {@link #inNamespace} needs no index. Keys are made on demand for fabric8 ({@code namespace/name},
 * or the name of a cluster-scoped object).
 */
final class SlimItemStore<T extends SlimResource> implements ItemStore<T> {
  private static final String CLUSTER_SCOPED = "";

  private final Map<String, Map<String, T>> byNamespace = new ConcurrentHashMap<>();

  @Override
  public String getKey(T obj) {
    SlimMeta meta = obj.meta();
    return meta.namespace() == null ? meta.name() : meta.namespace() + "/" + meta.name();
  }

  @Override
  public T put(String key, T obj) {
    SlimMeta meta = obj.meta();
    return byNamespace
        .computeIfAbsent(namespaceOf(meta), n -> new ConcurrentHashMap<>())
        .put(meta.name(), obj);
  }

  @Override
  public T remove(String key) {
    int slash = key.indexOf('/');
    String namespace = slash < 0 ? CLUSTER_SCOPED : key.substring(0, slash);
    Object[] removed = new Object[1];
    byNamespace.computeIfPresent(
        namespace,
        (n, objects) -> {
          removed[0] = objects.remove(key.substring(slash + 1));
          return objects.isEmpty() ? null : objects;
        });
    @SuppressWarnings("unchecked")
    T obj = (T) removed[0];
    return obj;
  }

  @Override
  public T get(String key) {
    int slash = key.indexOf('/');
    Map<String, T> objects = byNamespace.get(slash < 0 ? CLUSTER_SCOPED : key.substring(0, slash));
    return objects == null ? null : objects.get(key.substring(slash + 1));
  }

  @Override
  public Stream<String> keySet() {
    return values().map(this::getKey);
  }

  @Override
  public Stream<T> values() {
    return byNamespace.values().stream().flatMap(objects -> objects.values().stream());
  }

  @Override
  public int size() {
    return byNamespace.values().stream().mapToInt(Map::size).sum();
  }

  /** The objects of one namespace. */
  List<T> inNamespace(String namespace) {
    Map<String, T> objects = byNamespace.get(namespace);
    return objects == null ? List.of() : List.copyOf(objects.values());
  }

  private static String namespaceOf(SlimMeta meta) {
    return meta.namespace() == null ? CLUSTER_SCOPED : meta.namespace();
  }
}
