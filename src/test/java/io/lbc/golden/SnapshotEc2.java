package io.lbc.golden;

import io.lbc.aws.ReadOnlyPorts;
import io.lbc.aws.ec2.AvailabilityZone;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Instance;
import io.lbc.aws.ec2.NetworkInterface;
import io.lbc.aws.ec2.RouteTable;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.ec2.Subnet;
import io.lbc.aws.ec2.Vpc;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only {@link Ec2} over an {@link AwsSnapshot}: its public methods are the port's reads,
 * matched by name and parameter types when {@link #of} builds the port; every write throws.
 */
public final class SnapshotEc2 {
  private final AwsSnapshot snapshot;

  /** The port over the snapshot. */
  public static Ec2 of(AwsSnapshot snapshot) {
    return ReadOnlyPorts.over(
        Ec2.class, new SnapshotEc2(snapshot), "building a stack must not write to AWS, refused ");
  }

  private SnapshotEc2(AwsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  public Optional<Vpc> describeVpc(String vpcId) {
    return Optional.ofNullable(snapshot.vpc()).filter(v -> v.vpcId().equals(vpcId));
  }

  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    return Optional.ofNullable(snapshot.vpc())
        .filter(v -> v.tags().entrySet().containsAll(tags.entrySet()))
        .stream()
        .toList();
  }

  public List<Subnet> describeSubnets(Collection<String> subnetIds) {
    return snapshot.subnets().stream().filter(s -> subnetIds.contains(s.subnetId())).toList();
  }

  public List<Subnet> describeSubnetsInVpc(String vpcId) {
    return snapshot.subnets().stream().filter(s -> s.vpcId().equals(vpcId)).toList();
  }

  public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
    return describeSubnetsInVpc(vpcId).stream()
        .filter(s -> names.contains(s.tags().get("Name")))
        .toList();
  }

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

  public List<RouteTable> describeRouteTables(String vpcId) {
    return snapshot.routeTables();
  }

  public List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds) {
    return snapshot.securityGroups().stream().filter(g -> groupIds.contains(g.groupId())).toList();
  }

  public List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags) {
    return snapshot.securityGroups().stream()
        .filter(g -> g.vpcId().equals(vpcId))
        .filter(g -> g.tags().entrySet().containsAll(tags.entrySet()))
        .toList();
  }

  public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
    return snapshot.securityGroups().stream()
        .filter(g -> g.vpcId().equals(vpcId))
        .filter(g -> names.contains(g.groupName()) || names.contains(g.tags().get("Name")))
        .toList();
  }

  public List<Instance> describeInstances(Collection<String> instanceIds) {
    return List.of();
  }

  public List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps) {
    return List.of();
  }
}
