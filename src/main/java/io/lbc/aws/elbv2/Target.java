package io.lbc.aws.elbv2;

/**
 * A target: an instance ID or an IP with a port.
 *
 * @param availabilityZone null, or {@code all} for IPs outside the target group's VPC
 */
public record Target(String id, int port, String availabilityZone) {
  public static Target of(String id, int port) {
    return new Target(id, port, null);
  }
}
