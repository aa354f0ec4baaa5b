package io.lbc.webhook;

import java.util.List;

/**
 * The answer to one admission request: allowed (with a JSON patch for mutations) or refused with an
 * HTTP-style code and a message naming the field.
 *
 * @param failedChecks the checks that refused, for the failure metrics (e.g. {@code
 *     checkNodeSelector})
 */
public record Decision(
    boolean allowed,
    int code,
    String message,
    List<PatchOperation> patch,
    List<String> failedChecks) {

  public Decision {
    patch = List.copyOf(patch);
    failedChecks = List.copyOf(failedChecks);
  }

  public static Decision allow() {
    return new Decision(true, 200, "", List.of(), List.of());
  }

  /** Allowed, with these changes; allowed unchanged when the list is empty. */
  public static Decision patch(List<PatchOperation> operations) {
    return new Decision(true, 200, "", operations, List.of());
  }

  public static Decision deny(Denial denial) {
    return new Decision(false, denial.code(), denial.getMessage(), List.of(), denial.checks());
  }
}
