package io.lbc.aws.ec2;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import io.lbc.model.ec2.IpPermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@link Ec2} over the AWS SDK. Lookups by ID use filters ({@code subnet-id}, {@code group-id},
 * {@code instance-id}) rather than ID lists: a filter leaves out what does not exist, where an ID
 * list fails the whole call with {@code *.NotFound}. Every describe pages; an empty collection of
 * IDs or names finds nothing without a call.
 */
public final class SdkEc2 implements Ec2 {
  private final Ec2Client client;

  public SdkEc2(Ec2Client client) {
    this.client = client;
  }

  // --- VPCs, subnets, zones, routes ---

  @Override
  public Optional<Vpc> describeVpc(String vpcId) {
    return unlessNotFound(
        () ->
            client.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().stream()
                .findFirst()
                .map(Ec2Records::vpc),
        Optional.empty());
  }

  @Override
  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    var result = new ArrayList<Vpc>();
    client
        .describeVpcsPaginator(r -> r.filters(Ec2Filters.tags(tags)))
        .vpcs()
        .forEach(v -> result.add(Ec2Records.vpc(v)));
    return result;
  }

  @Override
  public List<Subnet> describeSubnets(Collection<String> subnetIds) {
    return Ec2Filters.each(List.of(), "subnet-id", subnetIds, this::subnets);
  }

  @Override
  public List<Subnet> describeSubnetsInVpc(String vpcId) {
    return subnets(List.of(Ec2Filters.of("vpc-id", vpcId)));
  }

  @Override
  public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
    return Ec2Filters.each(
        List.of(Ec2Filters.of("vpc-id", vpcId)), "tag:Name", names, this::subnets);
  }

  private List<Subnet> subnets(List<Filter> filters) {
    var result = new ArrayList<Subnet>();
    client
        .describeSubnetsPaginator(r -> r.filters(filters))
        .subnets()
        .forEach(s -> result.add(Ec2Records.subnet(s)));
    return result;
  }

  @Override
  public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames) {
    // Local and Wavelength zones are listed only with AllAvailabilityZones.
    return Ec2Filters.each(
        List.of(),
        "zone-name",
        zoneNames,
        filters ->
            client
                .describeAvailabilityZones(r -> r.allAvailabilityZones(true).filters(filters))
                .availabilityZones()
                .stream()
                .map(Ec2Records::zone)
                .toList());
  }

  @Override
  public List<RouteTable> describeRouteTables(String vpcId) {
    var result = new ArrayList<RouteTable>();
    client
        .describeRouteTablesPaginator(r -> r.filters(Ec2Filters.of("vpc-id", vpcId)))
        .routeTables()
        .forEach(t -> result.add(Ec2Records.routeTable(t)));
    return result;
  }

  // --- security groups ---

  @Override
  public List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds) {
    return Ec2Filters.each(List.of(), "group-id", groupIds, this::securityGroups);
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags) {
    var filters = new ArrayList<Filter>();
    filters.add(Ec2Filters.of("vpc-id", vpcId));
    filters.addAll(Ec2Filters.tags(tags));
    return securityGroups(filters);
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
    var vpc = List.of(Ec2Filters.of("vpc-id", vpcId));
    var byId = new LinkedHashMap<String, SecurityGroup>();
    for (String filter : List.of("group-name", "tag:Name")) {
      Ec2Filters.each(vpc, filter, names, this::securityGroups)
          .forEach(g -> byId.putIfAbsent(g.groupId(), g));
    }
    return List.copyOf(byId.values());
  }

  private List<SecurityGroup> securityGroups(List<Filter> filters) {
    var result = new ArrayList<SecurityGroup>();
    client
        .describeSecurityGroupsPaginator(r -> r.filters(filters))
        .securityGroups()
        .forEach(g -> result.add(Ec2Records.securityGroup(g)));
    return result;
  }

  @Override
  public String createSecurityGroup(
      String vpcId, String groupName, String description, Map<String, String> tags) {
    return client
        .createSecurityGroup(
            r -> {
              r.vpcId(vpcId).groupName(groupName).description(description);
              if (!tags.isEmpty()) {
                r.tagSpecifications(
                    TagSpecification.builder()
                        .resourceType(ResourceType.SECURITY_GROUP)
                        .tags(Ec2Records.toSdkTags(tags))
                        .build());
              }
            })
        .groupId();
  }

  @Override
  public void authorizeIngress(String groupId, List<IpPermission> permissions) {
    if (!permissions.isEmpty()) {
      client.authorizeSecurityGroupIngress(
          r -> r.groupId(groupId).ipPermissions(IpPermissions.toSdk(permissions)));
    }
  }

  @Override
  public void revokeIngress(String groupId, List<IpPermission> permissions) {
    if (!permissions.isEmpty()) {
      client.revokeSecurityGroupIngress(
          r -> r.groupId(groupId).ipPermissions(IpPermissions.toSdk(permissions)));
    }
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    client.deleteSecurityGroup(r -> r.groupId(groupId));
  }

  // --- tags ---

  @Override
  public void createTags(String resourceId, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      client.createTags(r -> r.resources(resourceId).tags(Ec2Records.toSdkTags(tags)));
    }
  }

  @Override
  public void deleteTags(String resourceId, Collection<String> keys) {
    if (!keys.isEmpty()) {
      client.deleteTags(
          r ->
              r.resources(resourceId)
                  .tags(keys.stream().map(k -> Tag.builder().key(k).build()).toList()));
    }
  }

  // --- instances and network interfaces ---

  @Override
  public List<Instance> describeInstances(Collection<String> instanceIds) {
    var found =
        Ec2Filters.each(
            List.of(),
            "instance-id",
            instanceIds,
            filters -> {
              var page = new ArrayList<software.amazon.awssdk.services.ec2.model.Instance>();
              client
                  .describeInstancesPaginator(r -> r.filters(filters))
                  .reservations()
                  .forEach(reservation -> page.addAll(reservation.instances()));
              return page;
            });
    var groupTags =
        groupTags(
            found.stream()
                .flatMap(i -> i.networkInterfaces().stream())
                .flatMap(eni -> eni.groups().stream())
                .toList());
    return found.stream().map(i -> Ec2Records.instance(i, groupTags)).toList();
  }

  @Override
  public List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps) {
    var found =
        new LinkedHashMap<String, software.amazon.awssdk.services.ec2.model.NetworkInterface>();
    // An interface holding addresses of two chunks is found twice.
    Ec2Filters.each(
            List.of(Ec2Filters.of("vpc-id", vpcId)),
            "addresses.private-ip-address",
            privateIps,
            filters -> {
              var page =
                  new ArrayList<software.amazon.awssdk.services.ec2.model.NetworkInterface>();
              client
                  .describeNetworkInterfacesPaginator(r -> r.filters(filters))
                  .networkInterfaces()
                  .forEach(page::add);
              return page;
            })
        .forEach(eni -> found.putIfAbsent(eni.networkInterfaceId(), eni));
    var groupTags =
        groupTags(found.values().stream().flatMap(eni -> eni.groups().stream()).toList());
    return found.values().stream().map(eni -> Ec2Records.networkInterface(eni, groupTags)).toList();
  }

  /** The tags of the groups, in one paged lookup: EC2 reports interfaces' groups without them. */
  private Map<String, Map<String, String>> groupTags(List<GroupIdentifier> groups) {
    var ids = groups.stream().map(GroupIdentifier::groupId).distinct().toList();
    var result = new LinkedHashMap<String, Map<String, String>>();
    describeSecurityGroups(ids).forEach(g -> result.put(g.groupId(), g.tags()));
    return result;
  }
}
