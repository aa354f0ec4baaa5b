package io.lbc.plan;

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

/** {@link Ec2} that only reads: every write throws, so {@code plan} cannot change AWS. */
final class ReadOnlyEc2 implements Ec2 {
  private final Ec2 delegate;

  ReadOnlyEc2(Ec2 delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Vpc> describeVpc(String vpcId) {
    return delegate.describeVpc(vpcId);
  }

  @Override
  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    return delegate.findVpcsByTags(tags);
  }

  @Override
  public List<Subnet> describeSubnets(Collection<String> subnetIds) {
    return delegate.describeSubnets(subnetIds);
  }

  @Override
  public List<Subnet> describeSubnetsInVpc(String vpcId) {
    return delegate.describeSubnetsInVpc(vpcId);
  }

  @Override
  public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
    return delegate.describeSubnetsByName(vpcId, names);
  }

  @Override
  public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames) {
    return delegate.describeAvailabilityZones(zoneNames);
  }

  @Override
  public List<RouteTable> describeRouteTables(String vpcId) {
    return delegate.describeRouteTables(vpcId);
  }

  @Override
  public List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds) {
    return delegate.describeSecurityGroups(groupIds);
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags) {
    return delegate.findSecurityGroupsByTags(vpcId, tags);
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
    return delegate.findSecurityGroupsByName(vpcId, names);
  }

  @Override
  public String createSecurityGroup(
      String vpcId, String groupName, String description, Map<String, String> tags) {
    throw refused("createSecurityGroup");
  }

  @Override
  public void authorizeIngress(String groupId, List<IpPermission> permissions) {
    throw refused("authorizeIngress");
  }

  @Override
  public void revokeIngress(String groupId, List<IpPermission> permissions) {
    throw refused("revokeIngress");
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    throw refused("deleteSecurityGroup");
  }

  @Override
  public void createTags(String resourceId, Map<String, String> tags) {
    throw refused("createTags");
  }

  @Override
  public void deleteTags(String resourceId, Collection<String> keys) {
    throw refused("deleteTags");
  }

  @Override
  public List<Instance> describeInstances(Collection<String> instanceIds) {
    return delegate.describeInstances(instanceIds);
  }

  @Override
  public List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps) {
    return delegate.describeNetworkInterfacesByPrivateIp(vpcId, privateIps);
  }

  private static UnsupportedOperationException refused(String operation) {
    return new UnsupportedOperationException("plan never writes to AWS, refused " + operation);
  }
}
