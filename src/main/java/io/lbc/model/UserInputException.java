package io.lbc.model;

/**
 * Bad input that only the user can fix: a malformed annotation, a conflicting setting, a reference
 * to something that does not exist. Reported as a Warning event and a status condition naming
 * {@link #field()}; not retried hot.
 */
public class UserInputException extends RuntimeException {
  private final String field;

  /**
   * @param field what to fix, e.g. {@code alb.ingress.kubernetes.io/healthcheck-path} or {@code
   *     spec.rules[0].http.paths[1].path}
   */
  public UserInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
