package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.Map;

/**
 * What a new target group is created with; tags are applied at creation.
 *
 * @param targetControlPort the ALB target optimizer's agent port, null for none
 */
public record CreateTargetGroup(
    String name,
    String targetType,
    int port,
    String protocol,
    String protocolVersion,
    String ipAddressType,
    String vpcId,
    HealthCheckConfig healthCheck,
    Map<String, String> tags,
    Integer targetControlPort) {

  /** A target group without a target control port. */
  public CreateTargetGroup(
      String name,
      String targetType,
      int port,
      String protocol,
      String protocolVersion,
      String ipAddressType,
      String vpcId,
      HealthCheckConfig healthCheck,
      Map<String, String> tags) {
    this(
        name,
        targetType,
        port,
        protocol,
        protocolVersion,
        ipAddressType,
        vpcId,
        healthCheck,
        tags,
        null);
  }
}
