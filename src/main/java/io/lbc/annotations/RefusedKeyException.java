package io.lbc.annotations;

import io.lbc.model.UserInputException;

/**
 * A key the user set that this controller refuses ({@link Support.State#REFUSED}). Unlike other bad
 * input it fails closed: an Ingress that carries one is never served from an older version.
 */
public final class RefusedKeyException extends UserInputException {
  public RefusedKeyException(String field, String message) {
    super(field, message);
  }
}
