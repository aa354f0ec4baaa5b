package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.annotations.RefusedKeyException;
import io.lbc.model.UserInputException;

/**
 * A member left out of its group's stack because of its own bad input; it keeps its finalizer and
 * gets a Warning event naming {@code error.field()}. The rest of the group still converges. Members
 * left out for bad input keep their last good version deployed; those left out for a refused key do
 * not ({@link #failClosed()}).
 */
public record ExcludedMember(Ingress ingress, UserInputException error) {

  /**
   * Left out for a key this controller refuses, or for bad input of a security control
   * (authentication): it fails closed, so no older version of it is served in its place and it
   * never holds its group back.
   */
  public boolean failClosed() {
    return error instanceof RefusedKeyException || error instanceof SecurityInputException;
  }

  /** {@code namespace/name}. */
  public String key() {
    return GroupMember.key(ingress);
  }
}
