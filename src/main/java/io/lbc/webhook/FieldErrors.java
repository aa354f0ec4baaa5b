package io.lbc.webhook;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors the way Kubernetes' {@code field.ErrorList} prints them, so messages read
 * like the reference controller's: {@code spec.inboundCIDRs[0]: Invalid value: "10.0.0.1/24": …};
 * several are joined into {@code [a, b]}.
 */
public final class FieldErrors {
  private final List<String> errors = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();

  public void invalid(String check, String field, String value, String detail) {
    add(check, field + ": Invalid value: \"" + value + "\": " + detail);
  }

  public void required(String check, String field, String detail) {
    add(check, field + ": Required value: " + detail);
  }

  public void forbidden(String check, String field, String detail) {
    add(check, field + ": Forbidden: " + detail);
  }

  public void duplicate(String check, String field, String value) {
    add(check, field + ": Duplicate value: \"" + value + "\"");
  }

  private void add(String check, String message) {
    errors.add(message);
    if (!checks.contains(check)) {
      checks.add(check);
    }
  }

  /** Throws a {@link Denial} carrying every error, if there is one. */
  public void throwIfAny() {
    if (errors.isEmpty()) {
      return;
    }
    String message = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    throw new Denial(checks, Denial.FORBIDDEN, message);
  }
}
