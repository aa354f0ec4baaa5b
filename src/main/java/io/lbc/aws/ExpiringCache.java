package io.lbc.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * AWS answers kept for a while, so a reconcile that changes nothing asks AWS nothing: what the
 * controller wrote itself is put here, and what it read expires after the time-to-live.
 */
public final class ExpiringCache<K, V> {
  private record Entry<V>(V value, long expiresAt) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  public ExpiringCache(Duration ttl) {
    this(ttl, System::nanoTime);
  }

  ExpiringCache(Duration ttl, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The value, if it is cached and has not expired. */
  public Optional<V> get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - entry.expiresAt() >= 0) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  /** The cached value, or the one {@code load} answers, cached from now on. */
  public V getOrLoad(K key, Supplier<V> load) {
    return get(key)
        .orElseGet(
            () -> {
              V value = load.get();
              put(key, value);
              return value;
            });
  }

  public void put(K key, V value) {
    entries.put(key, new Entry<>(value, nanoTime.getAsLong() + ttlNanos));
  }

  public void invalidate(K key) {
    entries.remove(key);
  }
}
