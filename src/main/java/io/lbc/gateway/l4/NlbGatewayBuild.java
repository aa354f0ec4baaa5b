package io.lbc.gateway.l4;

import io.lbc.model.Stack;
import java.util.List;

/**
 * The result of building one NLB Gateway: the stack to deploy, and the statuses to write once it is
 * deployed.
 */
public record NlbGatewayBuild(
    Stack stack, List<ListenerResult> listeners, List<RouteParentResult> routes) {

  /**
   * One Gateway listener: its verdict, how many (route, parentRef) pairs attached, and why it is
   * valid yet not programmed (null when it is, or will be once the NLB is active).
   */
  public record ListenerResult(
      NlbListenerValidation.Verdict verdict, int attachedRoutes, String notProgrammed) {
    public String name() {
      return verdict.listener().name();
    }

    public List<StatusCondition> conditions(boolean loadBalancerActive) {
      return verdict.conditions(loadBalancerActive, notProgrammed);
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

  public boolean anyListenerValid() {
    return listeners.stream().anyMatch(l -> l.verdict().valid());
  }

  /** The Gateway's Accepted and Programmed conditions. */
  public List<StatusCondition> gatewayConditions(boolean loadBalancerActive, String lbArn) {
    boolean anyInvalid = listeners.stream().anyMatch(l -> !l.verdict().valid());
    StatusCondition accepted;
    if (!anyListenerValid() && !listeners.isEmpty()) {
      accepted = StatusCondition.isFalse("Accepted", "ListenersNotValid", "No listener is valid.");
    } else if (anyInvalid) {
      accepted =
          StatusCondition.isTrue(
              "Accepted",
              "ListenersNotValid",
              "Some listeners are not valid; see status.listeners.");
    } else {
      accepted = StatusCondition.isTrue("Accepted", "Accepted", "Accepted");
    }
    StatusCondition programmed =
        loadBalancerActive
            ? StatusCondition.isTrue("Programmed", "Programmed", lbArn)
            : StatusCondition.unknown(
                "Programmed", "Pending", "Waiting for load balancer to be active.");
    return List.of(accepted, programmed);
  }
}
