package io.lbc.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The reference's {@code awslbc_controller_cache_object_total{resource}}: how many objects of each
 * kind the controller's caches hold ({@code ingress}, {@code service}, {@code targetgroupbinding}
 * as the reference counts them, and the kinds of our slim cache: {@code pod}, {@code node}, {@code
 * endpointslice}). A kind held in several stores (a Service in the Service controller's store and
 * in the slim cache) is counted once per object. Counted when scraped, not every 30 seconds as the
 * reference does.
 *
 * <p>Exposed with the Prometheus type {@code counter} (the value still goes down when objects go):
 * the Prometheus Java client refuses a gauge whose name ends in {@code _total}, the reference's
 * name.
 */
public final class CacheObjectCounts {
  private final MeterRegistry registry;
  private final Map<String, Map<String, Supplier<Stream<String>>>> stores =
      new ConcurrentHashMap<>();

  public CacheObjectCounts(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts the objects of a store of the kind from now on, replacing a store of the same source
   * (the store of a controller registered again).
   *
   * @param resource the kind, lower case ({@code ingress}, {@code pod}, …)
   * @param source who holds the store
   * @param keys the store's object keys ({@code namespace/name})
   */
  public void watch(String resource, String source, Supplier<Stream<String>> keys) {
    stores
        .computeIfAbsent(
            resource,
            r -> {
              Map<String, Supplier<Stream<String>>> ofKind = new ConcurrentHashMap<>();
              FunctionCounter.builder(
                      "awslbc.controller.cache.object", ofKind, CacheObjectCounts::count)
                  .description("Counts the number of objects in the controller cache.")
                  .tag("resource", r)
                  .register(registry);
              return ofKind;
            })
        .put(source, keys);
  }

  /** The objects of one kind: the distinct keys over its stores. */
  static double count(Map<String, Supplier<Stream<String>>> stores) {
    if (stores.size() == 1) {
      return stores.values().iterator().next().get().count();
    }
    return stores.values().stream().flatMap(Supplier::get).distinct().count();
  }
}
