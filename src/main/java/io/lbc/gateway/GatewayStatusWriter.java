package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.StatusPatch;
import io.lbc.k8s.gateway.GatewayCrds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a Gateway's status (gateway-spec §2.1, §2.2) with standard reasons: Accepted, Programmed,
 * the load balancer's address, and per listener Conflicted, Accepted, ResolvedRefs, Programmed,
 * attachedRoutes and supportedKinds. Patches only what changed.
 */
public final class GatewayStatusWriter {
  static final String ATTACHED_LISTENER_SETS = "attachedListenerSets";

  private final KubernetesClient kube;
  private final Clock clock;

  public GatewayStatusWriter(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /**
   * @param active whether the load balancer is active (listeners and Gateway Programmed)
   * @param arn the load balancer's ARN (the Programmed message, which NLB→ALB chaining reads)
   * @param listenerSets whether ListenerSets are honoured (the GatewayListenerSet gate): then
   *     {@code status.attachedListenerSets} is written, as the reference does only then
   */
  public void built(
      Gateway gateway,
      GatewayBuild build,
      Optional<String> dnsName,
      Optional<String> arn,
      boolean active,
      boolean listenerSets) {
    Long generation = gateway.getMetadata().getGeneration();
    var previous = gateway.getStatus() == null ? new GatewayStatus() : gateway.getStatus();
    // Accepted weighs the accepted ListenerSets' listeners too; its message is empty (§2.1)
    ListenerValidity validity = ListenerValidity.of(build.listeners());
    var conditions =
        new GatewayConditions(previous.getConditions(), generation, clock)
            .set(GatewayReasons.ACCEPTED, validity.accepted(), validity.acceptedReason(), "")
            .set(
                GatewayReasons.PROGRAMMED,
                active ? "True" : "Unknown",
                active ? GatewayReasons.PROGRAMMED : GatewayReasons.PENDING,
                active ? arn.orElse("") : "Waiting for load balancer to be active.");
    boolean hadNotices =
        previous.getConditions() != null
            && previous.getConditions().stream()
                .anyMatch(c -> GatewayReconciler.NOT_APPLIED.equals(c.getType()));
    if (!build.notices().isEmpty()) {
      conditions.set(
          GatewayReconciler.NOT_APPLIED,
          true,
          GatewayReconciler.NOT_APPLIED,
          String.join("; ", build.notices()));
    } else if (hadNotices) {
      conditions.set(GatewayReconciler.NOT_APPLIED, false, "Applied", "");
    }
    var listeners = new ArrayList<ListenerStatus>();
    for (ListenerState listener : build.listeners()) {
      if (!listener.owner().gateway()) {
        continue; // a ListenerSet's listeners are in its own status (§2.3)
      }
      listeners.add(listenerStatus(listener, build, previous.getListeners(), generation, active));
    }
    var addresses =
        dnsName
            .map(dns -> List.of(new GatewayStatusAddress("Hostname", dns.toLowerCase(Locale.ROOT))))
            .orElse(previous.getAddresses() == null ? List.of() : previous.getAddresses());
    write(
        gateway,
        previous,
        conditions.build(),
        listeners,
        addresses,
        listenerSets
            ? ListenerValidity.attachedListenerSets(build.listenerSets(), build.listeners())
            : null);
  }

  /** The Gateway cannot be built at all: Accepted=False with the reason, the rest kept. */
  public void refused(Gateway gateway, String reason, String message) {
    var previous = gateway.getStatus() == null ? new GatewayStatus() : gateway.getStatus();
    var conditions =
        new GatewayConditions(
                previous.getConditions(), gateway.getMetadata().getGeneration(), clock)
            .set(GatewayReasons.ACCEPTED, false, reason, message)
            .set(
                GatewayReasons.PROGRAMMED,
                false,
                GatewayReasons.INVALID,
                "The Gateway is not accepted: " + message)
            .build();
    write(
        gateway,
        previous,
        conditions,
        previous.getListeners() == null ? List.of() : previous.getListeners(),
        previous.getAddresses() == null ? List.of() : previous.getAddresses(),
        null);
  }

  /**
   * @param attachedListenerSets null: the field is left as it is
   */
  private void write(
      Gateway gateway,
      GatewayStatus previous,
      List<Condition> conditions,
      List<ListenerStatus> listeners,
      List<GatewayStatusAddress> addresses,
      Integer attachedListenerSets) {
    Object attachedBefore = previous.getAdditionalProperties().get(ATTACHED_LISTENER_SETS);
    if (GatewayConditions.same(conditions, previous.getConditions())
        && sameListeners(listeners, previous.getListeners())
        && Objects.equals(
            addresses, previous.getAddresses() == null ? List.of() : previous.getAddresses())
        && (attachedListenerSets == null
            || attachedBefore instanceof Number n && n.intValue() == attachedListenerSets)) {
      return;
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("conditions", conditions);
    status.put("listeners", listeners);
    status.put("addresses", addresses);
    if (attachedListenerSets != null) {
      status.put(ATTACHED_LISTENER_SETS, attachedListenerSets);
    }
    StatusPatch.merge(kube, gateway, status);
  }

  /**
   * One listener's status (§2.2), the same for a Gateway's and a ListenerSet's listeners.
   *
   * @param previous the owner's listener statuses as read, null for none
   * @param generation the owner's generation
   */
  ListenerStatus listenerStatus(
      ListenerState listener,
      ListenerOutcomes build,
      List<ListenerStatus> previous,
      Long generation,
      boolean active) {
    List<Condition> before =
        previous == null
            ? null
            : previous.stream()
                .filter(l -> listener.name().equals(l.getName()))
                .findFirst()
                .map(ListenerStatus::getConditions)
                .orElse(null);
    var conditions = new GatewayConditions(before, generation, clock);
    String reason = listener.failure();
    conditions.set(
        GatewayReasons.CONFLICTED,
        listener.conflicted(),
        listener.conflicted() ? reason : GatewayReasons.NO_CONFLICTS,
        listener.conflicted() ? listener.message() : "Listener has no conflict.");
    conditions.set(
        GatewayReasons.ACCEPTED,
        listener.accepted(),
        listener.accepted() ? GatewayReasons.ACCEPTED : reason,
        listener.accepted() ? "Listener is accepted." : listener.message());
    boolean kindsOk = !GatewayReasons.INVALID_ROUTE_KINDS.equals(reason);
    conditions.set(
        GatewayReasons.RESOLVED_REFS,
        kindsOk,
        kindsOk ? GatewayReasons.RESOLVED_REFS : reason,
        kindsOk ? "Listener has all refs resolved." : listener.message());
    String portProblem = build.notProgrammed(listener);
    if (!listener.valid()) {
      // the validation reason, as the reference (gateway-spec §2.2) and the conformance suite
      conditions.set(GatewayReasons.PROGRAMMED, false, reason, "Listener is not accepted.");
    } else if (portProblem != null) {
      conditions.set(GatewayReasons.PROGRAMMED, false, GatewayReasons.INVALID, portProblem);
    } else if (active) {
      conditions.set(
          GatewayReasons.PROGRAMMED, true, GatewayReasons.PROGRAMMED, "Listener is programmed.");
    } else {
      conditions.set(
          GatewayReasons.PROGRAMMED,
          false,
          GatewayReasons.PENDING,
          "Listener is pending to be programmed.");
    }
    List<RouteGroupKind> kinds =
        listener.kinds().stream()
            .map(k -> new RouteGroupKind(GatewayCrds.GATEWAY_API_GROUP, k))
            .toList();
    return new ListenerStatus(
        build.attachedRoutes(listener), conditions.build(), listener.name(), kinds);
  }

  static boolean sameListeners(List<ListenerStatus> a, List<ListenerStatus> b) {
    var left = a == null ? List.<ListenerStatus>of() : a;
    var right = b == null ? List.<ListenerStatus>of() : b;
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      ListenerStatus x = left.get(i);
      ListenerStatus y = right.get(i);
      if (!Objects.equals(x.getName(), y.getName())
          || !Objects.equals(x.getAttachedRoutes(), y.getAttachedRoutes())
          || !Objects.equals(x.getSupportedKinds(), y.getSupportedKinds())
          || !GatewayConditions.same(x.getConditions(), y.getConditions())) {
        return false;
      }
    }
    return true;
  }
}
