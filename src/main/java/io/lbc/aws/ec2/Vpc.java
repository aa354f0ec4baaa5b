package io.lbc.aws.ec2;

import java.util.List;
import java.util.Map;

/** A VPC with its IPv4 and IPv6 CIDR blocks. */
public record Vpc(
    String vpcId, List<String> ipv4Cidrs, List<String> ipv6Cidrs, Map<String, String> tags) {}
