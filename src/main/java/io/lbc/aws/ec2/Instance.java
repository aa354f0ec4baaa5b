package io.lbc.aws.ec2;

import java.util.List;

/** An EC2 instance and its network interfaces, primary (device index 0) first. */
public record Instance(
    String instanceId,
    String vpcId,
    String subnetId,
    String privateIpAddress,
    String state,
    List<NetworkInterface> networkInterfaces) {}
