package io.lbc.k8s.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Interning of what many cached objects repeat (namespaces, node names, label values, port
 * numbers), and compact immutable lists: {@code List.copyOf} keeps one or two elements in a single
 * small object, where {@code Stream.toList()} allocates a list and an array (measured by {@code
 * CacheMemoryBenchmark}: ~48 bytes a pod).
 */
final class Strings {
  /** Port numbers, 1–65535: each pod's would otherwise be an Integer of its own. */
  private static final Map<Integer, Integer> NUMBERS = new ConcurrentHashMap<>();

  private Strings() {}

  static String intern(String value) {
    return value == null ? null : value.intern();
  }

  /** The one shared Integer of a port number (Jackson boxes each occurrence anew above 127). */
  static Integer port(Integer value) {
    return value == null || value < 0 || value > 65_535
        ? value
        : NUMBERS.computeIfAbsent(value, v -> v);
  }

  static Map<String, String> internAll(Map<String, String> map) {
    return map.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toUnmodifiableMap(e -> intern(e.getKey()), e -> intern(e.getValue())));
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** The elements that pass, in a compact immutable list (null reads as empty). */
  static <T> List<T> keep(List<T> list, Predicate<? super T> keep) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    var kept = new ArrayList<T>(list.size());
    for (T element : list) {
      if (keep.test(element)) {
        kept.add(element);
      }
    }
    return List.copyOf(kept);
  }

  /** Each element mapped, in a compact immutable list (null reads as empty). */
  static <T, R> List<R> map(List<T> list, Function<? super T, ? extends R> map) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    var mapped = new ArrayList<R>(list.size());
    for (T element : list) {
      mapped.add(map.apply(element));
    }
    return List.copyOf(mapped);
  }
}
