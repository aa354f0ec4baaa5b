package io.lbc.gateway;

/**
 * What a build found for each validated listener, whatever the flavor: how many routes attached to
 * it and, for a valid one, why its AWS listener could not be built. Listener statuses of Gateways
 * and ListenerSets are written from it (gateway-spec §2.2, §2.3).
 */
public interface ListenerOutcomes {
  /** Accepted (route, parentRef) pairs of the listener: its attachedRoutes. */
  int attachedRoutes(ListenerState listener);

  /** Why the valid listener is not programmed although the load balancer is, null when it is. */
  String notProgrammed(ListenerState listener);
}
