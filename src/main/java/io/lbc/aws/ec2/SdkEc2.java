package io.lbc.aws.ec2;

import io.lbc.aws.AwsErrors;
import io.lbc.model.ec2.IpPermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/** {@link Ec2} over the AWS SDK. */
public final class SdkEc2 implements Ec2 {
  private final Ec2Client client;

  public SdkEc2(Ec2Client client) {
    this.client = client;
  }

  @Override
  public Optional<Vpc> describeVpc(String vpcId) {
    try {
      return client.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().stream()
          .findFirst()
          .map(SdkEc2::toVpc);
    } catch (Ec2Exception e) {
      if (AwsErrors.hasCode(e, "InvalidVpcID.NotFound")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    var filters =
        tags.entrySet().stream()
            .map(e -> Filter.builder().name("tag:" + e.getKey()).values(e.getValue()).build())
            .toList();
    var result = new ArrayList<Vpc>();
    client.describeVpcsPaginator(r -> r.filters(filters)).vpcs().forEach(v -> result.add(toVpc(v)));
    return result;
  }

  static Map<String, String> toTags(List<Tag> tags) {
    var result = new LinkedHashMap<String, String>();
    tags.forEach(t -> result.put(t.key(), t.value()));
    return result;
  }

  private static Vpc toVpc(software.amazon.awssdk.services.ec2.model.Vpc vpc) {
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
    return new Vpc(vpc.vpcId(), List.copyOf(ipv4), ipv6, toTags(vpc.tags()));
  }

  @Override
  public List<Subnet> describeSubnets(Collection<String> subnetIds) {
    throw new UnsupportedOperationException("describeSubnets: not implemented yet");
  }

  @Override
  public List<Subnet> describeSubnetsInVpc(String vpcId) {
    throw new UnsupportedOperationException("describeSubnetsInVpc: not implemented yet");
  }

  @Override
  public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
    throw new UnsupportedOperationException("describeSubnetsByName: not implemented yet");
  }

  @Override
  public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames) {
    throw new UnsupportedOperationException("describeAvailabilityZones: not implemented yet");
  }

  @Override
  public List<RouteTable> describeRouteTables(String vpcId) {
    throw new UnsupportedOperationException("describeRouteTables: not implemented yet");
  }

  @Override
  public List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds) {
    throw new UnsupportedOperationException("describeSecurityGroups: not implemented yet");
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags) {
    throw new UnsupportedOperationException("findSecurityGroupsByTags: not implemented yet");
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
    throw new UnsupportedOperationException("findSecurityGroupsByName: not implemented yet");
  }

  @Override
  public String createSecurityGroup(
      String vpcId, String groupName, String description, Map<String, String> tags) {
    throw new UnsupportedOperationException("createSecurityGroup: not implemented yet");
  }

  @Override
  public void authorizeIngress(String groupId, List<IpPermission> permissions) {
    throw new UnsupportedOperationException("authorizeIngress: not implemented yet");
  }

  @Override
  public void revokeIngress(String groupId, List<IpPermission> permissions) {
    throw new UnsupportedOperationException("revokeIngress: not implemented yet");
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    throw new UnsupportedOperationException("deleteSecurityGroup: not implemented yet");
  }

  @Override
  public void createTags(String resourceId, Map<String, String> tags) {
    throw new UnsupportedOperationException("createTags: not implemented yet");
  }

  @Override
  public void deleteTags(String resourceId, Collection<String> keys) {
    throw new UnsupportedOperationException("deleteTags: not implemented yet");
  }

  @Override
  public List<Instance> describeInstances(Collection<String> instanceIds) {
    throw new UnsupportedOperationException("describeInstances: not implemented yet");
  }

  @Override
  public List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps) {
    throw new UnsupportedOperationException(
        "describeNetworkInterfacesByPrivateIp: not implemented yet");
  }
}
