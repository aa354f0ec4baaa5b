package io.lbc.targets;

import io.lbc.aws.elbv2.Target;

/**
 * What identifies a registered target: its ID and port. The availability zone is how it was
 * registered, not who it is.
 */
public record TargetKey(String id, int port) implements Comparable<TargetKey> {
  public static TargetKey of(Target target) {
    return new TargetKey(target.id(), target.port());
  }

  /** The reference controller's identifier, {@code id:port}. */
  @Override
  public String toString() {
    return id + ":" + port;
  }

  /** Parses {@link #toString()}; the port is after the last colon, so IPv6 IDs work. */
  public static TargetKey parse(String value) {
    int colon = value.lastIndexOf(':');
    return new TargetKey(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
  }

  @Override
  public int compareTo(TargetKey other) {
    int byId = id.compareTo(other.id);
    return byId != 0 ? byId : Integer.compare(port, other.port);
  }
}
