package io.lbc.model;

import java.util.Arrays;
import java.util.Optional;

/** How a target group addresses its targets: EC2 instances on a NodePort, or pod IPs. */
public enum TargetType {
  INSTANCE("instance"),
  IP("ip");

  private final String value;

  TargetType(String value) {
    this.value = value;
  }

  /** The value as AWS and the annotations spell it. */
  public String value() {
    return value;
  }

  public static Optional<TargetType> parse(String text) {
    return Arrays.stream(values()).filter(t -> t.value.equals(text)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
