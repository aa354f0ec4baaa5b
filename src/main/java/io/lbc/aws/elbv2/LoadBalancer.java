package io.lbc.aws.elbv2;

import java.util.List;

/** A load balancer as ELBv2 describes it. */
public record LoadBalancer(
    String arn,
    String name,
    String type,
    String scheme,
    String ipAddressType,
    String dnsName,
    String vpcId,
    String state,
    List<SubnetMapping> subnets,
    List<String> securityGroups) {}
