package io.lbc.aws.ec2;

import io.lbc.model.ec2.IpPermission;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 operations the controller uses, paged internally, in domain types. Lookups by ID of a
 * resource that does not exist return no element rather than throwing.
 */
public interface Ec2 {
  // --- VPCs, subnets, zones, routes ---

  Optional<Vpc> describeVpc(String vpcId);

  /** VPCs carrying every one of the tags. */
  List<Vpc> findVpcsByTags(Map<String, String> tags);

  List<Subnet> describeSubnets(Collection<String> subnetIds);

  /** Every subnet of the VPC. */
  List<Subnet> describeSubnetsInVpc(String vpcId);

  /** Subnets of the VPC whose {@code Name} tag is one of the names. */
  List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names);

  List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames);

  List<RouteTable> describeRouteTables(String vpcId);

  // --- security groups ---

  List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds);

  /** Groups of the VPC carrying every one of the tags. */
  List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags);

  /** Groups of the VPC whose group name or {@code Name} tag is one of the names. */
  List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names);

  /** Creates the group with its tags and returns its ID. */
  String createSecurityGroup(
      String vpcId, String groupName, String description, Map<String, String> tags);

  void authorizeIngress(String groupId, List<IpPermission> permissions);

  void revokeIngress(String groupId, List<IpPermission> permissions);

  void deleteSecurityGroup(String groupId);

  // --- tags on any EC2 resource ---

  void createTags(String resourceId, Map<String, String> tags);

  void deleteTags(String resourceId, Collection<String> keys);

  // --- instances and network interfaces ---

  List<Instance> describeInstances(Collection<String> instanceIds);

  /** Interfaces of the VPC holding any of the private IPv4 addresses (primary or secondary). */
  List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps);
}
