package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * A target group. Status field: {@code targetGroupARN}.
 *
 * @param port informational only: targets always register with their own port
 * @param protocolVersion null for an NLB target group
 * @param targetGroupAttributes only the attributes the user asked for, plus forced defaults
 * @param targetControlPort the port of the ALB target optimizer's agent on each target, null when
 *     not used; it cannot be modified, so a change replaces the target group
 */
public record TargetGroupSpec(
    String name,
    String targetType,
    int port,
    String protocol,
    String protocolVersion,
    String ipAddressType,
    HealthCheckConfig healthCheckConfig,
    List<Attribute> targetGroupAttributes,
    Map<String, String> tags,
    Integer targetControlPort)
    implements ResourceSpec {
  public static final String ARN = "targetGroupARN";

  /** A target group without a target control port. */
  public TargetGroupSpec(
      String name,
      String targetType,
      int port,
      String protocol,
      String protocolVersion,
      String ipAddressType,
      HealthCheckConfig healthCheckConfig,
      List<Attribute> targetGroupAttributes,
      Map<String, String> tags) {
    this(
        name,
        targetType,
        port,
        protocol,
        protocolVersion,
        ipAddressType,
        healthCheckConfig,
        targetGroupAttributes,
        tags,
        null);
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.TARGET_GROUP;
  }

  /**
   * @param port {@code traffic-port} or a port number
   * @param path null for TCP health checks
   */
  public record HealthCheckConfig(
      String port,
      String protocol,
      String path,
      Matcher matcher,
      Integer intervalSeconds,
      Integer timeoutSeconds,
      Integer healthyThresholdCount,
      Integer unhealthyThresholdCount) {}

  /** Exactly one of httpCode and grpcCode, or neither for TCP health checks. */
  public record Matcher(String httpCode, String grpcCode) {}
}
