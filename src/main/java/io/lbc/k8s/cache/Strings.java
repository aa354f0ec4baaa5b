package io.lbc.k8s.cache;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Interning of the strings many cached objects repeat (namespaces, node names, label values). */
final class Strings {
  private Strings() {}

  static String intern(String value) {
    return value == null ? null : value.intern();
  }

  static Map<String, String> internAll(Map<String, String> map) {
    return map.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toUnmodifiableMap(e -> intern(e.getKey()), e -> intern(e.getValue())));
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
