package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.Map;

/** What a new target group is created with; tags are applied at creation. */
public record CreateTargetGroup(
    String name,
    String targetType,
    int port,
    String protocol,
    String protocolVersion,
    String ipAddressType,
    String vpcId,
    HealthCheckConfig healthCheck,
    Map<String, String> tags) {}
