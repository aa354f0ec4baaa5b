package io.lbc.aws.elbv2;

import java.util.List;
import java.util.Map;

/** What a new load balancer is created with; tags are applied at creation. */
public record CreateLoadBalancer(
    String name,
    String type,
    String scheme,
    String ipAddressType,
    List<SubnetMapping> subnets,
    List<String> securityGroups,
    Map<String, String> tags) {}
