package io.lbc.aws.ec2;

import java.util.List;
import java.util.Map;

/**
 * A network interface with its security groups.
 *
 * @param attachedInstanceId null when not attached to an instance
 */
public record NetworkInterface(
    String networkInterfaceId,
    String vpcId,
    List<String> privateIpAddresses,
    List<GroupRef> groups,
    String attachedInstanceId,
    int deviceIndex) {

  /** A security group of an interface, with its tags (used to pick the cluster's group). */
  public record GroupRef(String groupId, String groupName, Map<String, String> tags) {}
}
