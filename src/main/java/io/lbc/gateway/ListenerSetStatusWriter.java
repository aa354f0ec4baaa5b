package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.StatusPatch;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.ListenerSetStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the status of the ListenerSets naming a Gateway (gateway-spec §2.3), with the
 * ListenerSet's generation: a rejected one Accepted=False and Programmed=False, both {@code
 * NotAllowed}, and no listeners; an accepted one Accepted when at least one of its listeners is
 * valid, Programmed when besides the load balancer is active, and each listener's conditions as on
 * a Gateway. Patches only what changed.
 */
public final class ListenerSetStatusWriter {
  static final String NO_VALID_LISTENERS = "No valid listeners to materialize";
  static final String PARENT_PENDING = "Parent gateway not yet programmed";
  static final String SOME_NOT_VALID = "Some listeners are not valid";

  private final KubernetesClient kube;
  private final Clock clock;
  private final GatewayStatusWriter listenerStatuses;

  public ListenerSetStatusWriter(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
    this.listenerStatuses = new GatewayStatusWriter(kube, clock);
  }

  /**
   * @param active whether the Gateway's load balancer is active
   */
  public void write(GatewayBuild build, boolean active) {
    write(build.listenerSets(), build.listeners(), build, active);
  }

  /**
   * The status of each ListenerSet naming a Gateway, whatever its flavor.
   *
   * @param listeners the Gateway's and its accepted ListenerSets' listeners, validated
   * @param outcomes the build's attached routes and unbuilt ports per listener
   * @param active whether the Gateway's load balancer is active
   */
  public void write(
      ListenerSetHandshake.Result listenerSets,
      List<ListenerState> listeners,
      ListenerOutcomes outcomes,
      boolean active) {
    for (ListenerSet rejected : listenerSets.rejected()) {
      var conditions =
          conditions(rejected)
              .set(
                  GatewayReasons.ACCEPTED,
                  false,
                  ListenerSetHandshake.NOT_ALLOWED,
                  ListenerSetHandshake.REJECTED_MESSAGE)
              .set(
                  GatewayReasons.PROGRAMMED,
                  false,
                  ListenerSetHandshake.NOT_ALLOWED,
                  ListenerSetHandshake.REJECTED_MESSAGE);
      write(rejected, conditions.build(), List.of());
    }
    for (ListenerSet accepted : listenerSets.accepted()) {
      write(
          accepted,
          ListenerValidity.ownedBy(ListenerOwner.of(accepted), listeners),
          outcomes,
          active);
    }
  }

  private void write(
      ListenerSet listenerSet, List<ListenerState> own, ListenerOutcomes outcomes, boolean active) {
    ListenerValidity validity = ListenerValidity.of(own);
    var conditions =
        conditions(listenerSet)
            .set(
                GatewayReasons.ACCEPTED,
                validity.accepted(),
                validity.acceptedReason(),
                validity.anyInvalid() ? SOME_NOT_VALID : GatewayReasons.ACCEPTED);
    if (active && validity.anyValid()) {
      conditions.set(
          GatewayReasons.PROGRAMMED, true, GatewayReasons.PROGRAMMED, GatewayReasons.PROGRAMMED);
    } else if (active) {
      conditions.set(
          GatewayReasons.PROGRAMMED, false, GatewayReasons.LISTENERS_NOT_VALID, NO_VALID_LISTENERS);
    } else {
      conditions.set(GatewayReasons.PROGRAMMED, false, GatewayReasons.PENDING, PARENT_PENDING);
    }
    List<ListenerStatus> previous =
        listenerSet.getStatus() == null ? null : listenerSet.getStatus().listeners;
    var listeners = new ArrayList<ListenerStatus>();
    for (ListenerState listener : own) {
      listeners.add(
          listenerStatuses.listenerStatus(
              listener, outcomes, previous, listenerSet.getMetadata().getGeneration(), active));
    }
    write(listenerSet, conditions.build(), listeners);
  }

  private GatewayConditions conditions(ListenerSet listenerSet) {
    ListenerSetStatus status = listenerSet.getStatus();
    return new GatewayConditions(
        status == null ? null : status.conditions,
        listenerSet.getMetadata().getGeneration(),
        clock);
  }

  private void write(
      ListenerSet listenerSet, List<Condition> conditions, List<ListenerStatus> listeners) {
    ListenerSetStatus previous = listenerSet.getStatus();
    if (previous != null
        && GatewayConditions.same(conditions, previous.conditions)
        && GatewayStatusWriter.sameListeners(listeners, previous.listeners)) {
      return;
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("conditions", conditions);
    status.put("listeners", listeners);
    StatusPatch.merge(kube, listenerSet, status);
  }
}
