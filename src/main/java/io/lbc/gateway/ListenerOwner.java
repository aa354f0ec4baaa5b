package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.lbc.k8s.gateway.ListenerSet;

/**
 * The object a listener is declared in: the Gateway itself or an accepted ListenerSet (gateway-spec
 * §2.3). Listener names are unique only within one owner; {@code allowedRoutes} {@code from: Same}
 * means the owner's namespace; a route reaches a ListenerSet's listeners only through a parentRef
 * of kind ListenerSet.
 */
public record ListenerOwner(String kind, String namespace, String name) {
  public static final String GATEWAY = "Gateway";
  public static final String LISTENER_SET = "ListenerSet";

  public static ListenerOwner of(HasMetadata object) {
    return new ListenerOwner(
        object instanceof ListenerSet ? LISTENER_SET : GATEWAY,
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  public boolean gateway() {
    return GATEWAY.equals(kind);
  }

  public boolean is(String kind, String namespace, String name) {
    return this.kind.equals(kind) && this.namespace.equals(namespace) && this.name.equals(name);
  }
}
