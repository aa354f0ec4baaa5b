package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.lbc.k8s.LabelSelectors;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether a parent (a Gateway, a ListenerSet) lets an object of a namespace attach: {@code from}
 * {@code All}, {@code Same} (the parent's namespace), {@code Selector} (a missing selector denies);
 * anything else, {@code None} included, denies. Used for routes ({@code allowedRoutes}) and for
 * ListenerSets ({@code allowedListeners}).
 */
final class AllowedNamespaces {
  private AllowedNamespaces() {}

  static boolean allows(
      String from,
      LabelSelector selector,
      String namespace,
      String parentNamespace,
      Function<String, Map<String, String>> namespaceLabels) {
    return switch (from) {
      case "All" -> true;
      case "Same" -> namespace.equals(parentNamespace);
      case "Selector" ->
          selector != null && LabelSelectors.matches(selector, namespaceLabels.apply(namespace));
      default -> false;
    };
  }
}
