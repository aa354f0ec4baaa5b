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
  private final List<ListenerOwner> acceptedSets;
  private final List<ListenerOwner> rejectedSets;
  private final ListenerSetHandshake.Result listenerSets;
  private final Function<String, Map<String, String>> namespaceLabels;

  /**
   * @param listenerSets the ListenerSets naming the Gateway, accepted (their listeners are among
   *     {@code listeners}) or rejected
   * @param namespaceLabels the labels of a namespace, for {@code from: Selector}
   */
  public RouteAttachment(
      HasMetadata gateway,
      List<ListenerState> listeners,
      ListenerSetHandshake.Result listenerSets,
      Function<String, Map<String, String>> namespaceLabels) {
    this.gateway = gateway;
    this.listeners = listeners;
    this.acceptedSets = listenerSets.accepted().stream().map(ListenerOwner::of).toList();
    this.rejectedSets = listenerSets.rejected().stream().map(ListenerOwner::of).toList();
    this.listenerSets = listenerSets;
    this.namespaceLabels = namespaceLabels;
  }

  /** The Gateway or accepted ListenerSet this parentRef names, null for none. */
  private ListenerOwner owner(RouteView route, ParentReference ref) {
    return named(route, ref, acceptedSets);
  }

  /** The parentRef's Gateway, or the ListenerSet among {@code sets} it names; null for none. */
  private ListenerOwner named(RouteView route, ParentReference ref, List<ListenerOwner> sets) {
    String kind = ref.getKind() == null || ref.getKind().isEmpty() ? "Gateway" : ref.getKind();
    String namespace = ref.getNamespace() == null ? route.namespace() : ref.getNamespace();
    if (kind.equals(ListenerOwner.GATEWAY)) {
      ListenerOwner own = ListenerOwner.of(gateway);
      return own.is(kind, namespace, ref.getName()) ? own : null;
    }
    return sets.stream().filter(o -> o.is(kind, namespace, ref.getName())).findFirst().orElse(null);
  }

  /**
   * Every parentRef of the route that names this Gateway or a ListenerSet naming it, each with its
   * outcome. A parentRef naming a ListenerSet the Gateway rejected reaches no listener: Accepted
   * False ({@code NoMatchingParent}), so that a route attached through a ListenerSet that is then
   * rejected does not keep Accepted=True.
   */
  public List<Parent> attach(RouteView route) {
    var result = new ArrayList<Parent>();
    for (int i = 0; i < route.parentRefs().size(); i++) {
      ParentReference ref = route.parentRefs().get(i);
      ListenerOwner owner = owner(route, ref);
      ListenerOwner rejected = owner == null ? named(route, ref, rejectedSets) : null;
      if (owner != null) {
        result.add(attachOne(route, i, ref, owner));
      } else if (rejected != null) {
        result.add(noParent(route, i, ref, rejectedMessage(rejected)));
      } else if (missingListenerSet(route, ref)) {
        result.add(
            noParent(
                route,
                i,
                ref,
                "ListenerSet " + namespace(route, ref) + "/" + ref.getName() + " not found"));
      }
    }
    return result;
  }

  /**
   * A parentRef naming a ListenerSet that no longer exists, on a route whose status still has this
   * controller's entry for it (written while the ListenerSet was there): that entry must not keep
   * its old Accepted. Routes this controller never wrote for are left alone (the parentRef may be
   * another implementation's).
   */
  private boolean missingListenerSet(RouteView route, ParentReference ref) {
    return ListenerOwner.LISTENER_SET.equals(ref.getKind())
        && !listenerSets.exists(namespace(route, ref), ref.getName())
        && route.hasParentEntry(GatewayFlavor.ofRouteKind(route.kind()).controllerName(), ref);
  }

  private static String namespace(RouteView route, ParentReference ref) {
    return ref.getNamespace() == null ? route.namespace() : ref.getNamespace();
  }

  private static Parent noParent(RouteView route, int index, ParentReference ref, String message) {
    return new Parent(route, index, ref, List.of(), GatewayReasons.NO_MATCHING_PARENT, message);
  }

  static String rejectedMessage(ListenerOwner listenerSet) {
    return "ListenerSet "
        + listenerSet.namespace()
        + "/"
        + listenerSet.name()
        + " is not accepted by its parent Gateway: "
        + ListenerSetHandshake.REJECTED_MESSAGE;
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
