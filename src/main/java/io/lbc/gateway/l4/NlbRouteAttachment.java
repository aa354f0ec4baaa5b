package io.lbc.gateway.l4;

import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ParentRef;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.gateway.l4.GatewayApi.RouteNamespaces;
import io.lbc.gateway.l4.NlbListenerValidation.Verdict;
import io.lbc.k8s.LabelSelectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attaches one parentRef of an L4 route to the listeners of this Gateway (gateway-spec §2.5): the
 * section name and port pick the candidate listeners, and the route attaches to every candidate
 * that allows its namespace and kind and, for TLSRoute, shares a hostname with it.
 */
final class NlbRouteAttachment {
  static final String NOT_ALLOWED = "NotAllowedByListeners";
  static final String NO_HOSTNAME = "NoMatchingListenerHostname";
  static final String NO_PARENT = "NoMatchingParent";

  private final Gateway gateway;
  private final List<Verdict> listeners;
  private final Map<String, Map<String, String>> namespaceLabels;

  NlbRouteAttachment(
      Gateway gateway, List<Verdict> listeners, Map<String, Map<String, String>> namespaceLabels) {
    this.gateway = gateway;
    this.listeners = listeners;
    this.namespaceLabels = namespaceLabels;
  }

  /** A listener the route attached to, with the hostnames it serves there (empty: any). */
  record Attached(Verdict listener, List<String> hostnames) {}

  /** The outcome for one parentRef: the listeners it attached to, or why none. */
  record Outcome(List<Attached> attached, String reason, String message) {
    boolean accepted() {
      return !attached.isEmpty();
    }
  }

  /** Whether the parentRef names this Gateway (the group is not checked, as the reference). */
  boolean refersToGateway(Route route, ParentRef ref) {
    String kind = ref.kind() == null ? "Gateway" : ref.kind();
    String namespace = ref.namespace() == null ? route.metadata().namespace() : ref.namespace();
    return kind.equals("Gateway")
        && gateway.metadata().name().equals(ref.name())
        && gateway.metadata().namespace().equals(namespace);
  }

  Outcome attach(Route route, ParentRef ref) {
    var candidates = new ArrayList<Verdict>();
    for (Verdict listener : listeners) {
      boolean sectionOk =
          ref.sectionName() == null || ref.sectionName().equals(listener.listener().name());
      boolean portOk = ref.port() == null || ref.port().equals(listener.listener().port());
      if (sectionOk && portOk) {
        candidates.add(listener);
      }
    }
    if (candidates.isEmpty()) {
      return new Outcome(List.of(), NO_PARENT, "Route parentRef does not match listener");
    }
    var attached = new ArrayList<Attached>();
    String reason = null;
    String message = null;
    for (Verdict listener : candidates) {
      String refusal = refusal(route, listener);
      Optional<List<String>> hostnames =
          route.kind().equals(GatewayApi.TLS_ROUTE)
              ? NlbHostnames.intersect(listener.listener().hostname(), route.hostnames())
              : Optional.of(List.of());
      if (refusal == null && hostnames.isEmpty()) {
        refusal = NO_HOSTNAME;
      }
      if (refusal == null) {
        attached.add(new Attached(listener, hostnames.get()));
      } else if (reason == null) {
        reason = refusal;
        message = message(refusal, listener);
      }
    }
    return attached.isEmpty()
        ? new Outcome(List.of(), reason, message)
        : new Outcome(List.copyOf(attached), null, null);
  }

  private String refusal(Route route, Verdict listener) {
    if (!listener.valid()) {
      return NOT_ALLOWED;
    }
    if (!namespaceAllowed(route.metadata().namespace(), listener)) {
      return NOT_ALLOWED + ":namespace";
    }
    if (!listener.accepts(route.kind())) {
      return NOT_ALLOWED + ":kind";
    }
    return null;
  }

  private static String message(String refusal, Verdict listener) {
    return switch (refusal) {
      case NOT_ALLOWED ->
          "Listener "
              + listener.listener().name()
              + " is not valid ("
              + listener.reason()
              + "), so no route attaches to it";
      case NOT_ALLOWED + ":namespace" ->
          "Listener does not allow route attachment, namespace does not match between listener"
              + " and route";
      case NOT_ALLOWED + ":kind" ->
          "Listener does not allow route attachment, kind does not match between listener and"
              + " route";
      default -> "Listener does not allow route attachment, no matching hostname";
    };
  }

  private boolean namespaceAllowed(String routeNamespace, Verdict listener) {
    var allowed = listener.listener().allowedRoutes();
    RouteNamespaces namespaces = allowed == null ? null : allowed.namespaces();
    String from = namespaces == null || namespaces.from() == null ? "Same" : namespaces.from();
    return switch (from) {
      case "All" -> true;
      case "Same" -> routeNamespace.equals(gateway.metadata().namespace());
      case "Selector" ->
          namespaces.selector() != null
              && LabelSelectors.matches(
                  namespaces.selector(), namespaceLabels.getOrDefault(routeNamespace, Map.of()));
      default -> false;
    };
  }

  /** The standard reason of a refusal (the suffix only tells the message apart). */
  static String reason(String refusal) {
    int colon = refusal.indexOf(':');
    return colon < 0 ? refusal : refusal.substring(0, colon);
  }
}
