package io.lbc.gateway;

import java.util.List;

/**
 * Whether validated listeners hold a valid one and an invalid one: the one place the Gateway's
 * Accepted condition (over its own and its accepted ListenerSets' listeners, gateway-spec §2.1), a
 * ListenerSet's Accepted condition (over its own, §2.3) and the Gateway's {@code
 * status.attachedListenerSets} are decided, for both flavors.
 */
public record ListenerValidity(boolean anyValid, boolean anyInvalid) {

  public static ListenerValidity of(List<ListenerState> listeners) {
    return new ListenerValidity(
        listeners.stream().anyMatch(ListenerState::valid),
        listeners.stream().anyMatch(l -> !l.valid()));
  }

  /** The listeners the owner declares, in validation order. */
  public static List<ListenerState> ownedBy(ListenerOwner owner, List<ListenerState> listeners) {
    return listeners.stream().filter(l -> l.owner().equals(owner)).toList();
  }

  /**
   * The Gateway's {@code status.attachedListenerSets}: its accepted ListenerSets with at least one
   * valid listener (gateway-spec §2.1).
   *
   * @param listeners the Gateway's and its accepted ListenerSets' listeners, validated
   */
  public static int attachedListenerSets(
      ListenerSetHandshake.Result listenerSets, List<ListenerState> listeners) {
    return (int)
        listenerSets.accepted().stream()
            .filter(s -> of(ownedBy(ListenerOwner.of(s), listeners)).anyValid())
            .count();
  }

  /** Accepted is True when at least one listener is valid. */
  public boolean accepted() {
    return anyValid;
  }

  /** {@code ListenersNotValid} when any listener is invalid, even if Accepted is True. */
  public String acceptedReason() {
    return anyInvalid ? GatewayReasons.LISTENERS_NOT_VALID : GatewayReasons.ACCEPTED;
  }
}
