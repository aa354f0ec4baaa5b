package io.lbc.gateway.l4;

/**
 * One Gateway API status condition as the model decides it; the status writer adds {@code
 * observedGeneration} and {@code lastTransitionTime}.
 */
public record StatusCondition(String type, String status, String reason, String message) {
  public static StatusCondition isTrue(String type, String reason, String message) {
    return new StatusCondition(type, "True", reason, message);
  }

  public static StatusCondition isFalse(String type, String reason, String message) {
    return new StatusCondition(type, "False", reason, message);
  }

  public static StatusCondition unknown(String type, String reason, String message) {
    return new StatusCondition(type, "Unknown", reason, message);
  }
}
