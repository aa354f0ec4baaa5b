package io.lbc.aws.ec2;

import java.util.List;
import java.util.Map;

/**
 * A subnet.
 *
 * @param outpostArn null unless the subnet is on an Outpost
 */
public record Subnet(
    String subnetId,
    String vpcId,
    String availabilityZone,
    String availabilityZoneId,
    String cidrBlock,
    List<String> ipv6CidrBlocks,
    int availableIpAddressCount,
    String outpostArn,
    Map<String, String> tags) {}
