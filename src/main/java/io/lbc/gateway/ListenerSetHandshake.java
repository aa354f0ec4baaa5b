package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.ListenerSetSpec.ParentGatewayReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which ListenerSets add listeners to a Gateway (gateway-spec §2.3): a ListenerSet whose {@code
 * spec.parentRef} names the Gateway (kind defaults to Gateway, namespace to the ListenerSet's) is
 * accepted when the Gateway's {@code spec.allowedListeners.namespaces.from} allows its namespace
 * ({@code None} when unset, {@code Same}, {@code All}, {@code Selector}; a missing selector
 * denies), and rejected otherwise; every other ListenerSet has no relation to the Gateway.
 */
public final class ListenerSetHandshake {
  /** The reason and message of both conditions of a rejected ListenerSet. */
  public static final String NOT_ALLOWED = "NotAllowed";

  public static final String REJECTED_MESSAGE = "Parent Gateway rejected ListenerSet";

  /** A ListenerSet's relation to one Gateway. */
  public enum State {
    ACCEPTED,
    REJECTED,
    IRRELEVANT
  }

  /**
   * The ListenerSets naming the Gateway: the accepted ones oldest first (creation time in seconds,
   * then namespace/name, the order their listeners are validated in), and the rejected ones; and
   * the keys of every ListenerSet read, to tell a route naming a deleted one.
   */
  public record Result(
      List<ListenerSet> accepted, List<ListenerSet> rejected, Set<String> existing) {
    /** Whether a ListenerSet of that namespace/name exists (whatever Gateway it names). */
    public boolean exists(String namespace, String name) {
      return existing.contains(namespace + "/" + name);
    }
  }

  private ListenerSetHandshake() {}

  public static Result of(
      Gateway gateway,
      List<ListenerSet> listenerSets,
      Function<String, Map<String, String>> namespaceLabels) {
    var accepted = new ArrayList<ListenerSet>();
    var rejected = new ArrayList<ListenerSet>();
    for (ListenerSet listenerSet : listenerSets) {
      switch (state(gateway, listenerSet, namespaceLabels)) {
        case ACCEPTED -> accepted.add(listenerSet);
        case REJECTED -> rejected.add(listenerSet);
        case IRRELEVANT -> {}
      }
    }
    accepted.sort(
        Comparator.comparingLong(ListenerSetHandshake::createdSeconds)
            .thenComparing(ListenerSetHandshake::key));
    Set<String> existing =
        listenerSets.stream().map(ListenerSetHandshake::key).collect(Collectors.toSet());
    return new Result(List.copyOf(accepted), List.copyOf(rejected), existing);
  }

  public static State state(
      Gateway gateway,
      ListenerSet listenerSet,
      Function<String, Map<String, String>> namespaceLabels) {
    if (!namesGateway(gateway, listenerSet)) {
      return State.IRRELEVANT;
    }
    var allowed = gateway.getSpec().getAllowedListeners();
    var namespaces = allowed == null ? null : allowed.getNamespaces();
    String from =
        namespaces == null || namespaces.getFrom() == null ? "None" : namespaces.getFrom();
    boolean allows =
        AllowedNamespaces.allows(
            from,
            namespaces == null ? null : namespaces.getSelector(),
            listenerSet.getMetadata().getNamespace(),
            gateway.getMetadata().getNamespace(),
            namespaceLabels);
    return allows ? State.ACCEPTED : State.REJECTED;
  }

  /** Whether the ListenerSet's parentRef names the Gateway; its group is not checked. */
  static boolean namesGateway(Gateway gateway, ListenerSet listenerSet) {
    ParentGatewayReference ref =
        listenerSet.getSpec() == null ? null : listenerSet.getSpec().parentRef;
    if (ref == null || (ref.kind != null && !ref.kind.equals("Gateway"))) {
      return false;
    }
    String namespace =
        ref.namespace == null ? listenerSet.getMetadata().getNamespace() : ref.namespace;
    return gateway.getMetadata().getName().equals(ref.name)
        && gateway.getMetadata().getNamespace().equals(namespace);
  }

  /** The Gateway a ListenerSet's parentRef names, if it names one. */
  public static Optional<ResourceID> parentGateway(ListenerSet listenerSet) {
    ParentGatewayReference ref =
        listenerSet.getSpec() == null ? null : listenerSet.getSpec().parentRef;
    if (ref == null || ref.name == null || (ref.kind != null && !ref.kind.equals("Gateway"))) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceID(
            ref.name,
            ref.namespace == null ? listenerSet.getMetadata().getNamespace() : ref.namespace));
  }

  /** The ListenerSet's listeners, as Gateway listeners (converted one to one). */
  public static List<Listener> listeners(ListenerSet listenerSet) {
    return listenerSet.getSpec() == null || listenerSet.getSpec().listeners == null
        ? List.of()
        : listenerSet.getSpec().listeners;
  }

  public static String key(ListenerSet listenerSet) {
    return listenerSet.getMetadata().getNamespace() + "/" + listenerSet.getMetadata().getName();
  }

  private static long createdSeconds(ListenerSet listenerSet) {
    String created = listenerSet.getMetadata().getCreationTimestamp();
    return created == null ? 0 : Instant.parse(created).getEpochSecond();
  }
}
