package io.lbc.deploy;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tag changes that bring a resource's actual tags to the desired ones, leaving alone the keys
 * managed elsewhere and the legacy tracking keys the reference controller never removed.
 */
public record TagSync(Map<String, String> toAdd, List<String> toRemove) {
  private static final Set<String> NEVER_REMOVED_PREFIXES =
      Set.of(
          "kubernetes.io/cluster/",
          "kubernetes.io/cluster-name",
          "kubernetes.io/namespace",
          "kubernetes.io/ingress-name",
          "kubernetes.io/service-name",
          "kubernetes.io/service-port",
          "ingress.k8s.aws/cluster",
          "aws:");

  public static TagSync between(
      Map<String, String> desired, Map<String, String> actual, Collection<String> externalKeys) {
    var add = new HashMap<String, String>();
    desired.forEach(
        (key, value) -> {
          if (!externalKeys.contains(key) && !value.equals(actual.get(key))) {
            add.put(key, value);
          }
        });
    List<String> remove =
        actual.keySet().stream()
            .filter(key -> !desired.containsKey(key))
            .filter(key -> !externalKeys.contains(key))
            .filter(key -> NEVER_REMOVED_PREFIXES.stream().noneMatch(key::startsWith))
            .sorted()
            .toList();
    return new TagSync(add, remove);
  }

  public boolean isEmpty() {
    return toAdd.isEmpty() && toRemove.isEmpty();
  }
}
