package io.lbc.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The reference's {@code awslbc_controller_cache_object_total{resource}}: how many objects of each
 * kind the controller's caches hold ({@code ingress}, {@code service}, {@code targetgroupbinding}
 * as the reference counts them, and the kinds of our slim cache: {@code pod}, {@code node}, {@code
 * endpointslice}). A kind held in several stores of the same scope (a Service in the Service
 * controller's store and in the slim cache) counts as its largest store. Counted when scraped, not
 * every 30 seconds as the reference does.
 *
 * <p>Exposed with the Prometheus type {@code counter} (the value still goes down when objects go):
 * the Prometheus Java client refuses a gauge whose name ends in {@code _total}, the reference's
 * name.
 */
public final class CacheObjectCounts {
  private final MeterRegistry registry;
  private final Map<String, Map<String, IntSupplier>> stores = new ConcurrentHashMap<>();

  public CacheObjectCounts(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts the objects of a store of the kind from now on, replacing a store of the same source
   * (the store of a controller registered again).
   *
   * @param resource the kind, lower case ({@code ingress}, {@code pod}, …)
   * @param source who holds the store
   * @param size how many objects the store holds
   */
  public void watch(String resource, String source, IntSupplier size) {
    stores
        .computeIfAbsent(
            resource,
            r -> {
              Map<String, IntSupplier> ofKind = new ConcurrentHashMap<>();
              FunctionCounter.builder(
                      "awslbc.controller.cache.object", ofKind, CacheObjectCounts::count)
                  .description("Counts the number of objects in the controller cache.")
                  .tag("resource", r)
                  .register(registry);
              return ofKind;
            })
        .put(source, size);
  }

  /** The objects of one kind: its largest store. */
  static double count(Map<String, IntSupplier> stores) {
    return stores.values().stream().mapToInt(IntSupplier::getAsInt).max().orElse(0);
  }
}
