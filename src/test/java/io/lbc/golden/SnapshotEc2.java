package io.lbc.golden;

import io.lbc.aws.ec2.AvailabilityZone;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Instance;
import io.lbc.aws.ec2.NetworkInterface;
import io.lbc.aws.ec2.RouteTable;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.ec2.Subnet;
import io.lbc.aws.ec2.Vpc;
import io.lbc.model.ec2.IpPermission;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only {@link Ec2} over an {@link AwsSnapshot}; every write throws. */
public final class SnapshotEc2 implements Ec2 {
  private final AwsSnapshot snapshot;

  public SnapshotEc2(AwsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public Optional<Vpc> describeVpc(String vpcId) {
    return Optional.ofNullable(snapshot.vpc()).filter(v -> v.vpcId().equals(vpcId));
  }

  @Override
  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    return Optional.ofNullable(snapshot.vpc())
        .filter(v -> v.tags().entrySet().containsAll(tags.entrySet()))
        .stream()
        .toList();
  }

  @Override
  public List<Subnet> describeSubnets(Collection<String> subnetIds) {
    return snapshot.subnets().stream().filter(s -> subnetIds.contains(s.subnetId())).toList();
  }

  @Override
  public List<Subnet> describeSubnetsInVpc(String vpcId) {
    return snapshot.subnets().stream().filter(s -> s.vpcId().equals(vpcId)).toList();
  }

  @Override
  public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
    return describeSubnetsInVpc(vpcId).stream()
        .filter(s -> names.contains(s.tags().get("Name")))
        .toList();
  }

  @Override
  public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames) {
    return zoneNames.stream()
        .map(
            name ->
                snapshot.availabilityZones().stream()
                    .filter(z -> z.zoneName().equals(name))
                    .findFirst()
                    .orElse(new AvailabilityZone(name, name, "availability-zone")))
        .toList();
  }

  @Override
  public List<RouteTable> describeRouteTables(String vpcId) {
    return snapshot.routeTables();
  }

  @Override
  public List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds) {
    return snapshot.securityGroups().stream().filter(g -> groupIds.contains(g.groupId())).toList();
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags) {
    return snapshot.securityGroups().stream()
        .filter(g -> g.vpcId().equals(vpcId))
        .filter(g -> g.tags().entrySet().containsAll(tags.entrySet()))
        .toList();
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
    return snapshot.securityGroups().stream()
        .filter(g -> g.vpcId().equals(vpcId))
        .filter(g -> names.contains(g.groupName()) || names.contains(g.tags().get("Name")))
        .toList();
  }

  @Override
  public String createSecurityGroup(
      String vpcId, String groupName, String description, Map<String, String> tags) {
    throw readOnly();
  }

  @Override
  public void authorizeIngress(String groupId, List<IpPermission> permissions) {
    throw readOnly();
  }

  @Override
  public void revokeIngress(String groupId, List<IpPermission> permissions) {
    throw readOnly();
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    throw readOnly();
  }

  @Override
  public void createTags(String resourceId, Map<String, String> tags) {
    throw readOnly();
  }

  @Override
  public void deleteTags(String resourceId, Collection<String> keys) {
    throw readOnly();
  }

  @Override
  public List<Instance> describeInstances(Collection<String> instanceIds) {
    return List.of();
  }

  @Override
  public List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps) {
    return List.of();
  }

  static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("building a stack must not write to AWS");
  }
}
