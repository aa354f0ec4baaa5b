package io.lbc.k8s.cache;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One shared instance per distinct value, held only while some cached object uses it: the pods of a
 * Deployment repeat their containers' names and ports, so they can share one list of them (measured
 * by {@code CacheMemoryBenchmark}: ~120 bytes a pod). Values must be immutable and have value
 * equality (records of interned strings and immutable lists).
 */
final class Shared<T> {
  private final Map<T, WeakReference<T>> values = new WeakHashMap<>();

  /** The shared instance equal to {@code value}: {@code value} itself when it is the first. */
  synchronized T of(T value) {
    WeakReference<T> held = values.get(value);
    T shared = held == null ? null : held.get();
    if (shared != null) {
      return shared;
    }
    values.put(value, new WeakReference<>(value));
    return value;
  }
}
