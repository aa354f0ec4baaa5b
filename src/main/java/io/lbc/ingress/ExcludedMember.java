package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.model.UserInputException;

/**
 * A member left out of its group's stack because of its own bad input; it keeps its finalizer and
 * gets a Warning event naming {@code error.field()}. The rest of the group still converges.
 */
public record ExcludedMember(Ingress ingress, UserInputException error) {

  /** {@code namespace/name}. */
  public String key() {
    return GroupMember.key(ingress);
  }
}
