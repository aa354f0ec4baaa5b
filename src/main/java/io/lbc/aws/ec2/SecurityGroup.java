package io.lbc.aws.ec2;

import io.lbc.model.ec2.IpPermission;
import java.util.List;
import java.util.Map;

/** A security group with its inbound rules (group references as literal tokens). */
public record SecurityGroup(
    String groupId,
    String groupName,
    String vpcId,
    String description,
    List<IpPermission> ingress,
    Map<String, String> tags) {}
