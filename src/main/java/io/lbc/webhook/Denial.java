package io.lbc.webhook;

import java.util.List;

/** A refused admission: what failed (for the metrics) and why (for the user). */
public final class Denial extends RuntimeException {
  /** The user's object is wrong. */
  public static final int FORBIDDEN = 403;

  /** Something the webhook needed failed (an AWS or API call). */
  public static final int INTERNAL_ERROR = 500;

  private final List<String> checks;
  private final int code;

  public Denial(List<String> checks, int code, String message) {
    super(message, null, false, false);
    this.checks = List.copyOf(checks);
    this.code = code;
  }

  /** The user's object fails {@code check}; the message names the field. */
  public static Denial invalid(String check, String message) {
    return new Denial(List.of(check), FORBIDDEN, message);
  }

  /** {@code check} could not be made, e.g. AWS did not answer. */
  public static Denial failed(String check, String message) {
    return new Denial(List.of(check), INTERNAL_ERROR, message);
  }

  public List<String> checks() {
    return checks;
  }

  public int code() {
    return code;
  }
}
