package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.List;

/** A target group as ELBv2 describes it. */
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
    List<String> loadBalancerArns) {}
