package io.lbc.ingress;

import io.lbc.model.UserInputException;

/**
 * Bad input of a security control (authentication: its annotations or its client Secret). The
 * member fails closed: it is left out, and no earlier version of it is served in its place.
 */
public final class SecurityInputException extends UserInputException {
  public SecurityInputException(String field, String message) {
    super(field, message);
  }
}
