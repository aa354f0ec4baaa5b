package io.lbc.aws.ec2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/**
 * Converts EC2 resources from the SDK into the port's records. Private IP lists put the primary
 * address first; an instance's interfaces come by device index. Interface security groups carry the
 * tags given by the caller (EC2 reports only their IDs and names).
 */
final class Ec2Records {
  /** What a route to the VPC itself names as its gateway; it is not a gateway. */
  private static final String LOCAL_GATEWAY = "local";

  /** The device index of an interface that is not attached to an instance. */
  static final int NOT_ATTACHED = -1;

  private Ec2Records() {}

  static Map<String, String> tags(List<Tag> tags) {
    var result = new LinkedHashMap<String, String>();
    tags.forEach(t -> result.put(t.key(), t.value()));
    return result;
  }

  static List<Tag> toSdkTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  static Vpc vpc(software.amazon.awssdk.services.ec2.model.Vpc vpc) {
    var ipv4 = new ArrayList<String>();
    ipv4.add(vpc.cidrBlock());
    for (VpcCidrBlockAssociation association : vpc.cidrBlockAssociationSet()) {
      if (!ipv4.contains(association.cidrBlock())) {
        ipv4.add(association.cidrBlock());
      }
    }
    var ipv6 =
        vpc.ipv6CidrBlockAssociationSet().stream()
            .map(VpcIpv6CidrBlockAssociation::ipv6CidrBlock)
            .toList();
    return new Vpc(vpc.vpcId(), List.copyOf(ipv4), ipv6, tags(vpc.tags()));
  }

  static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet subnet) {
    return new Subnet(
        subnet.subnetId(),
        subnet.vpcId(),
        subnet.availabilityZone(),
        subnet.availabilityZoneId(),
        subnet.cidrBlock(),
        subnet.ipv6CidrBlockAssociationSet().stream()
            .map(SubnetIpv6CidrBlockAssociation::ipv6CidrBlock)
            .filter(Objects::nonNull)
            .toList(),
        subnet.availableIpAddressCount() == null ? 0 : subnet.availableIpAddressCount(),
        subnet.outpostArn(),
        tags(subnet.tags()));
  }

  static AvailabilityZone zone(software.amazon.awssdk.services.ec2.model.AvailabilityZone zone) {
    return new AvailabilityZone(zone.zoneName(), zone.zoneId(), zone.zoneType());
  }

  static RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable table) {
    boolean main = table.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main()));
    List<String> subnets =
        table.associations().stream()
            .map(RouteTableAssociation::subnetId)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    List<String> gateways =
        table.routes().stream()
            .map(Route::gatewayId)
            .filter(id -> id != null && !LOCAL_GATEWAY.equals(id))
            .distinct()
            .toList();
    return new RouteTable(table.routeTableId(), main, subnets, gateways);
  }

  static SecurityGroup securityGroup(
      software.amazon.awssdk.services.ec2.model.SecurityGroup group) {
    return new SecurityGroup(
        group.groupId(),
        group.groupName(),
        group.vpcId(),
        group.description(),
        IpPermissions.fromSdk(group.ipPermissions()),
        tags(group.tags()));
  }

  static Instance instance(
      software.amazon.awssdk.services.ec2.model.Instance instance,
      Map<String, Map<String, String>> groupTags) {
    var interfaces =
        instance.networkInterfaces().stream()
            .sorted(Comparator.comparingInt(Ec2Records::deviceIndex))
            .map(eni -> networkInterface(eni, instance.instanceId(), groupTags))
            .toList();
    return new Instance(
        instance.instanceId(),
        instance.vpcId(),
        instance.subnetId(),
        instance.privateIpAddress(),
        instance.state() == null ? null : instance.state().nameAsString(),
        interfaces);
  }

  private static int deviceIndex(InstanceNetworkInterface eni) {
    return eni.attachment() == null || eni.attachment().deviceIndex() == null
        ? NOT_ATTACHED
        : eni.attachment().deviceIndex();
  }

  private static NetworkInterface networkInterface(
      InstanceNetworkInterface eni, String instanceId, Map<String, Map<String, String>> groupTags) {
    var ips =
        primaryFirst(
            eni.privateIpAddresses().stream()
                .map(a -> new Ip(a.privateIpAddress(), Boolean.TRUE.equals(a.primary())))
                .toList(),
            eni.privateIpAddress());
    return new NetworkInterface(
        eni.networkInterfaceId(),
        eni.vpcId(),
        ips,
        groups(eni.groups(), groupTags),
        instanceId,
        deviceIndex(eni));
  }

  static NetworkInterface networkInterface(
      software.amazon.awssdk.services.ec2.model.NetworkInterface eni,
      Map<String, Map<String, String>> groupTags) {
    var ips =
        primaryFirst(
            eni.privateIpAddresses().stream()
                .map(a -> new Ip(a.privateIpAddress(), Boolean.TRUE.equals(a.primary())))
                .toList(),
            eni.privateIpAddress());
    var attachment = eni.attachment();
    return new NetworkInterface(
        eni.networkInterfaceId(),
        eni.vpcId(),
        ips,
        groups(eni.groups(), groupTags),
        attachment == null ? null : attachment.instanceId(),
        attachment == null || attachment.deviceIndex() == null
            ? NOT_ATTACHED
            : attachment.deviceIndex());
  }

  private record Ip(String address, boolean primary) {}

  private static List<String> primaryFirst(List<Ip> ips, String primaryAddress) {
    var result = new ArrayList<String>();
    ips.stream().filter(Ip::primary).map(Ip::address).forEach(result::add);
    if (primaryAddress != null && !result.contains(primaryAddress)) {
      result.add(0, primaryAddress);
    }
    ips.stream()
        .map(Ip::address)
        .filter(a -> a != null && !result.contains(a))
        .forEach(result::add);
    return List.copyOf(result);
  }

  private static List<NetworkInterface.GroupRef> groups(
      List<GroupIdentifier> groups, Map<String, Map<String, String>> groupTags) {
    return groups.stream()
        .map(
            g ->
                new NetworkInterface.GroupRef(
                    g.groupId(), g.groupName(), groupTags.getOrDefault(g.groupId(), Map.of())))
        .toList();
  }
}
