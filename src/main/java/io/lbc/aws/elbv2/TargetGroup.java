package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.List;

/**
 * A target group as ELBv2 describes it.
 *
 * @param targetControlPort the ALB target optimizer's agent port, null for none
 */
public record TargetGroup(
    String arn,
    String name,
    String targetType,
    int port,
    String protocol,
    String protocolVersion,
    String ipAddressType,
    String vpcId,
    HealthCheckConfig healthCheck,
    List<String> loadBalancerArns,
    Integer targetControlPort) {

  /** A target group without a target control port. */
  public TargetGroup(
      String arn,
      String name,
      String targetType,
      int port,
      String protocol,
      String protocolVersion,
      String ipAddressType,
      String vpcId,
      HealthCheckConfig healthCheck,
      List<String> loadBalancerArns) {
    this(
        arn,
        name,
        targetType,
        port,
        protocol,
        protocolVersion,
        ipAddressType,
        vpcId,
        healthCheck,
        loadBalancerArns,
        null);
  }
}
