package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Attaches routes to a Gateway's listeners by parentRef, sectionName and port, with {@code
 * allowedRoutes} (namespaces, kinds) and hostname intersection (gateway-spec §2.5). A parentRef of
 * kind ListenerSet reaches the listeners of that accepted ListenerSet (§2.3).
 */
public final class RouteAttachment {
  /** A listener a route attached to, and the hostnames it serves there (none: any host). */
  public record Attached(ListenerState listener, List<String> hostnames) {}

  /**
   * The outcome for one parentRef of a route that names this Gateway.
   *
   * @param failure null when attached to at least one listener, else the standard reason
   */
  public record Parent(
      RouteView route,
      int index,
      ParentReference ref,
      List<Attached> listeners,
      String failure,
      String message) {
    public boolean attached() {
      return failure == null;
    }
  }

  static final String NAMESPACE_MISMATCH =
      "Listener does not allow route attachment, namespace does not match between listener and"
          + " route";
  static final String KIND_MISMATCH =
      "Listener does not allow route attachment, kind does not match between listener and route";
  static final String NO_HOSTNAME =
      "Listener does not allow route attachment, no matching hostname";
  static final String NO_PARENT = "Route parentRef does not match listener";
  static final String INVALID_LISTENER =
      "Listener does not allow route attachment, the listener is not valid (see the Gateway's"
          + " status.listeners)";

  private final HasMetadata gateway;
  private final List<ListenerState> listeners;
  private final Function<String, Map<String, String>> namespaceLabels;

  /**
   * @param namespaceLabels the labels of a namespace, for {@code from: Selector}
   */
  public RouteAttachment(
      HasMetadata gateway,
      List<ListenerState> listeners,
      Function<String, Map<String, String>> namespaceLabels) {
    this.gateway = gateway;
    this.listeners = listeners;
    this.namespaceLabels = namespaceLabels;
  }

  /** Whether this parentRef names this Gateway or one of its accepted ListenerSets. */
  public boolean names(RouteView route, ParentReference ref) {
    return owner(route, ref) != null;
  }

  /**
   * The Gateway or accepted ListenerSet this parentRef names, null for none: a ListenerSet only
   * when some listener of this Gateway is declared in it.
   */
  private ListenerOwner owner(RouteView route, ParentReference ref) {
    String kind = ref.getKind() == null || ref.getKind().isEmpty() ? "Gateway" : ref.getKind();
    String namespace = ref.getNamespace() == null ? route.namespace() : ref.getNamespace();
    if (kind.equals(ListenerOwner.GATEWAY)) {
      ListenerOwner own = ListenerOwner.of(gateway);
      return own.is(kind, namespace, ref.getName()) ? own : null;
    }
    return listeners.stream()
        .map(ListenerState::owner)
        .filter(o -> o.is(kind, namespace, ref.getName()))
        .findFirst()
        .orElse(null);
  }

  /** Every parentRef of the route that names this Gateway, each with its outcome. */
  public List<Parent> attach(RouteView route) {
    var result = new ArrayList<Parent>();
    for (int i = 0; i < route.parentRefs().size(); i++) {
      ParentReference ref = route.parentRefs().get(i);
      ListenerOwner owner = owner(route, ref);
      if (owner != null) {
        result.add(attachOne(route, i, ref, owner));
      }
    }
    return result;
  }

  private Parent attachOne(RouteView route, int index, ParentReference ref, ListenerOwner owner) {
    var attached = new ArrayList<Attached>();
    String failure = null;
    String message = null;
    boolean tried = false;
    for (ListenerState listener : listeners) {
      if (!listener.owner().equals(owner)) {
        continue; // a Gateway parentRef reaches the Gateway's own listeners only
      }
      if (ref.getSectionName() != null && !ref.getSectionName().equals(listener.name())) {
        continue;
      }
      if (ref.getPort() != null && ref.getPort() != listener.port()) {
        continue;
      }
      tried = true;
      if (!listener.valid()) {
        // A listener that exists but is invalid (e.g. a protocol this class does not serve)
        // allows no route: NotAllowedByListeners, as the Gateway API defines it, rather than
        // NoMatchingParent, which is for a sectionName or port that names no listener.
        failure = GatewayReasons.NOT_ALLOWED_BY_LISTENERS;
        message = INVALID_LISTENER;
        continue;
      }
      if (!namespaceAllowed(listener, route.namespace())) {
        failure = GatewayReasons.NOT_ALLOWED_BY_LISTENERS;
        message = NAMESPACE_MISMATCH;
        continue;
      }
      if (!listener.kinds().contains(route.kind())) {
        failure = GatewayReasons.NOT_ALLOWED_BY_LISTENERS;
        message = KIND_MISMATCH;
        continue;
      }
      Optional<List<String>> hostnames =
          route.kind().equals(RouteKinds.TCP_ROUTE) || route.kind().equals(RouteKinds.UDP_ROUTE)
              ? Optional.of(List.of())
              : Hostnames.intersect(listener.hostname(), route.hostnames());
      if (hostnames.isEmpty()) {
        if (failure == null) {
          failure = GatewayReasons.NO_MATCHING_LISTENER_HOSTNAME;
          message = NO_HOSTNAME;
        }
        continue;
      }
      attached.add(new Attached(listener, hostnames.get()));
    }
    if (!attached.isEmpty()) {
      return new Parent(route, index, ref, List.copyOf(attached), null, null);
    }
    if (!tried) {
      return new Parent(route, index, ref, List.of(), GatewayReasons.NO_MATCHING_PARENT, NO_PARENT);
    }
    return new Parent(route, index, ref, List.of(), failure, message);
  }

  /** {@code from: Same} is the namespace of the listener's owner (Gateway or ListenerSet). */
  private boolean namespaceAllowed(ListenerState listener, String routeNamespace) {
    var allowed = listener.listener().getAllowedRoutes();
    var namespaces = allowed == null ? null : allowed.getNamespaces();
    String from =
        namespaces == null || namespaces.getFrom() == null ? "Same" : namespaces.getFrom();
    return AllowedNamespaces.allows(
        from,
        namespaces == null ? null : namespaces.getSelector(),
        routeNamespace,
        listener.owner().namespace(),
        namespaceLabels);
  }
}
