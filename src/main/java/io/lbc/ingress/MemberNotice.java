package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.k8s.EventReasons;

/**
 * Something a built member asked for that is not applied (or applied only in part), to tell it with
 * a Warning event.
 *
 * @param reason the event's reason
 */
public record MemberNotice(Ingress ingress, String reason, String message) {

  /** An add-on turned off by its flag. */
  public MemberNotice(Ingress ingress, String message) {
    this(ingress, EventReasons.ADD_ON_DISABLED, message);
  }
}
