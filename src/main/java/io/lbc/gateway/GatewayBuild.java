package io.lbc.gateway;

import io.lbc.model.Stack;
import java.util.List;
import java.util.Map;

/**
 * The outcome of building one Gateway: the stack to deploy and what the statuses must say.
 *
 * @param listeners the Gateway's listeners, then its accepted ListenerSets', validated
 * @param parents every parentRef naming this Gateway, with its attachment
 * @param verdicts per route key, what the build found wrong with it (absent: nothing)
 * @param portProblems per port, why its AWS listener could not be built (e.g. no certificate)
 * @param listenerSets the ListenerSets naming this Gateway, accepted (their listeners are in {@code
 *     listeners}) or rejected
 * @param notices configuration fields this build does not apply, each named (Warning events)
 */
public record GatewayBuild(
    Stack stack,
    List<ListenerState> listeners,
    List<RouteAttachment.Parent> parents,
    Map<String, RouteVerdict> verdicts,
    Map<Integer, String> portProblems,
    List<String> notices,
    ListenerSetHandshake.Result listenerSets)
    implements ListenerOutcomes {

  public RouteVerdict verdict(RouteView route) {
    return verdicts.getOrDefault(route.key(), RouteVerdict.OK);
  }

  /** Accepted (route, parentRef) pairs per listener: the listener's attachedRoutes. */
  @Override
  public int attachedRoutes(ListenerState listener) {
    int count = 0;
    for (RouteAttachment.Parent parent : parents) {
      if (!parent.attached() || verdict(parent.route()).refused()) {
        continue;
      }
      if (parent.listeners().stream()
          .anyMatch(
              a ->
                  a.listener().owner().equals(listener.owner())
                      && a.listener().name().equals(listener.name()))) {
        count++;
      }
    }
    return count;
  }

  /** The problem of the listener's port (e.g. no certificate), null for none. */
  @Override
  public String notProgrammed(ListenerState listener) {
    return portProblems.get(listener.port());
  }
}
