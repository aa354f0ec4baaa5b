package io.lbc.gateway.l4;

import io.lbc.gateway.GatewayReasons;
import io.lbc.gateway.ListenerOutcomes;
import io.lbc.gateway.ListenerSetHandshake;
import io.lbc.gateway.ListenerState;
import io.lbc.gateway.ListenerValidity;
import io.lbc.model.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of building one NLB Gateway: the stack to deploy, the statuses to write once it is
 * deployed, and the configuration fields it does not apply (each named; Warning events and a {@code
 * ConfigurationNotApplied} condition).
 */
public record NlbGatewayBuild(
    Stack stack,
    List<ListenerResult> listeners,
    List<RouteParentResult> routes,
    List<String> notices,
    ListenerSetHandshake.Result listenerSets)
    implements ListenerOutcomes {
  /** The Gateway condition that names the configuration fields the build does not apply. */
  public static final String NOT_APPLIED = "ConfigurationNotApplied";

  /**
   * One Gateway listener: its verdict, how many (route, parentRef) pairs attached, and why it is
   * valid yet not programmed (null when it is, or will be once the NLB is active).
   */
  public record ListenerResult(ListenerState verdict, int attachedRoutes, String notProgrammed) {
    public String name() {
      return verdict.name();
    }

    /** Conflicted, Accepted, ResolvedRefs, Programmed, in that order. */
    public List<StatusCondition> conditions(boolean loadBalancerActive) {
      var conditions = new ArrayList<StatusCondition>();
      String reason = verdict.failure();
      String message = verdict.message();
      conditions.add(
          verdict.conflicted()
              ? StatusCondition.isTrue("Conflicted", reason, message)
              : StatusCondition.isFalse("Conflicted", "NoConflicts", "Listener has no conflict."));
      conditions.add(
          verdict.accepted()
              ? StatusCondition.isTrue("Accepted", "Accepted", "Listener is accepted.")
              : StatusCondition.isFalse("Accepted", reason, message));
      conditions.add(
          GatewayReasons.INVALID_ROUTE_KINDS.equals(reason)
              ? StatusCondition.isFalse("ResolvedRefs", reason, message)
              : StatusCondition.isTrue(
                  "ResolvedRefs", "ResolvedRefs", "Listener has all refs resolved."));
      if (!verdict.valid()) {
        // the validation reason, as the reference (gateway-spec §2.2) and the conformance suite
        conditions.add(StatusCondition.isFalse("Programmed", reason, "Listener is not accepted."));
      } else if (notProgrammed != null) {
        conditions.add(StatusCondition.isFalse("Programmed", "Invalid", notProgrammed));
      } else if (loadBalancerActive) {
        conditions.add(
            StatusCondition.isTrue("Programmed", "Programmed", "Listener is programmed."));
      } else {
        conditions.add(
            StatusCondition.isFalse(
                "Programmed", "Pending", "Listener is pending to be programmed."));
      }
      return conditions;
    }
  }

  /** The status of one parentRef of a route that names this Gateway. */
  public record RouteParentResult(
      String kind,
      String namespace,
      String name,
      long generation,
      GatewayApi.ParentRef parentRef,
      List<StatusCondition> conditions) {}

  /** The Gateway's own listeners (those of its ListenerSets have their own status). */
  public List<ListenerResult> gatewayListeners() {
    return listeners.stream().filter(l -> l.verdict().owner().gateway()).toList();
  }

  /** Every listener validated, the Gateway's then its accepted ListenerSets'. */
  public List<ListenerState> verdicts() {
    return listeners.stream().map(ListenerResult::verdict).toList();
  }

  @Override
  public int attachedRoutes(ListenerState listener) {
    return result(listener).map(ListenerResult::attachedRoutes).orElse(0);
  }

  @Override
  public String notProgrammed(ListenerState listener) {
    return result(listener).map(ListenerResult::notProgrammed).orElse(null);
  }

  private Optional<ListenerResult> result(ListenerState listener) {
    return listeners.stream()
        .filter(
            l -> l.verdict().owner().equals(listener.owner()) && l.name().equals(listener.name()))
        .findFirst();
  }

  /**
   * The Gateway's Accepted and Programmed conditions. Accepted weighs its own and its accepted
   * ListenerSets' listeners, with an empty message (gateway-spec §2.1).
   */
  public List<StatusCondition> gatewayConditions(boolean loadBalancerActive, String lbArn) {
    ListenerValidity validity = ListenerValidity.of(verdicts());
    var accepted =
        new StatusCondition(
            "Accepted", validity.accepted() ? "True" : "False", validity.acceptedReason(), "");
    StatusCondition programmed =
        loadBalancerActive
            ? StatusCondition.isTrue("Programmed", "Programmed", lbArn)
            : StatusCondition.unknown(
                "Programmed", "Pending", "Waiting for load balancer to be active.");
    if (notices.isEmpty()) {
      return List.of(accepted, programmed);
    }
    return List.of(
        accepted,
        programmed,
        StatusCondition.isTrue(NOT_APPLIED, NOT_APPLIED, String.join("; ", notices)));
  }
}
