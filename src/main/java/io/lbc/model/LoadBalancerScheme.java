package io.lbc.model;

import java.util.Arrays;
import java.util.Optional;

/** Whether a load balancer gets public addresses. */
public enum LoadBalancerScheme {
  INTERNAL("internal"),
  INTERNET_FACING("internet-facing");

  private final String value;

  LoadBalancerScheme(String value) {
    this.value = value;
  }

  /** The value as AWS and the annotations spell it. */
  public String value() {
    return value;
  }

  public static Optional<LoadBalancerScheme> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.value.equals(text)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
