package io.lbc.fake;

import io.lbc.aws.ec2.AvailabilityZone;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Instance;
import io.lbc.aws.ec2.NetworkInterface;
import io.lbc.aws.ec2.NetworkInterface.GroupRef;
import io.lbc.aws.ec2.RouteTable;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.ec2.Subnet;
import io.lbc.aws.ec2.Vpc;
import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.UserIdGroupPair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of EC2 the target engine uses, in memory: VPCs, security groups with their inbound rules
 * (one source per rule, as EC2 stores them), instances and network interfaces. Counts every call.
 */
public final class InMemoryEc2 implements Ec2 {
  /** One inbound rule: a protocol and port range from one source. */
  public record StoredRule(
      String protocol,
      int from,
      int to,
      String cidr,
      String ipv6Cidr,
      String sourceGroup,
      String description) {}

  private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  private final Map<String, List<StoredRule>> rules = new LinkedHashMap<>();
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final List<NetworkInterface> interfaces = new ArrayList<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  public synchronized Vpc addVpc(String vpcId, String cidr) {
    var vpc = new Vpc(vpcId, List.of(cidr), List.of(), Map.of());
    vpcs.put(vpcId, vpc);
    return vpc;
  }

  public synchronized void addSecurityGroup(String groupId, Map<String, String> tags) {
    groups.put(groupId, new SecurityGroup(groupId, groupId, "vpc-1", "", List.of(), tags));
    rules.put(groupId, new ArrayList<>());
  }

  /** A network interface holding the IPs, in the given groups (each group's tags as stored). */
  public synchronized void addNetworkInterface(String eniId, List<String> ips, String... groupIds) {
    interfaces.add(new NetworkInterface(eniId, "vpc-1", List.copyOf(ips), refs(groupIds), null, 1));
  }

  /** An instance whose primary interface is in the given groups. */
  public synchronized void addInstance(String instanceId, String ip, String... groupIds) {
    var primary =
        new NetworkInterface(
            "eni-" + instanceId, "vpc-1", List.of(ip), refs(groupIds), instanceId, 0);
    instances.put(
        instanceId, new Instance(instanceId, "vpc-1", "subnet-1", ip, "running", List.of(primary)));
  }

  public synchronized List<StoredRule> rules(String groupId) {
    return List.copyOf(rules.get(groupId));
  }

  /** Adds a rule behind the controller's back. */
  public synchronized void addRule(String groupId, StoredRule rule) {
    rules.get(groupId).add(rule);
  }

  public int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  public void resetCalls() {
    calls.clear();
  }

  private void count(String operation) {
    calls.merge(operation, 1, Integer::sum);
  }

  private List<GroupRef> refs(String... groupIds) {
    var refs = new ArrayList<GroupRef>();
    for (String id : groupIds) {
      SecurityGroup group = groups.get(id);
      refs.add(new GroupRef(id, id, group == null ? Map.of() : group.tags()));
    }
    return refs;
  }

  @Override
  public synchronized Optional<Vpc> describeVpc(String vpcId) {
    count("DescribeVpcs");
    return Optional.ofNullable(vpcs.get(vpcId));
  }

  @Override
  public synchronized List<SecurityGroup> describeSecurityGroups(Collection<String> groupIds) {
    count("DescribeSecurityGroups");
    var result = new ArrayList<SecurityGroup>();
    for (String id : groupIds) {
      SecurityGroup group = groups.get(id);
      if (group != null) {
        var ingress = rules.get(id).stream().map(InMemoryEc2::permission).toList();
        result.add(
            new SecurityGroup(
                id, group.groupName(), group.vpcId(), group.description(), ingress, group.tags()));
      }
    }
    return result;
  }

  @Override
  public synchronized void authorizeIngress(String groupId, List<IpPermission> permissions) {
    count("AuthorizeSecurityGroupIngress");
    for (StoredRule rule : flatten(permissions)) {
      if (rules.get(groupId).stream().anyMatch(r -> sameRule(r, rule))) {
        throw AwsFaults.error(400, "InvalidPermission.Duplicate", "the rule already exists");
      }
      rules.get(groupId).add(rule);
    }
  }

  @Override
  public synchronized void revokeIngress(String groupId, List<IpPermission> permissions) {
    count("RevokeSecurityGroupIngress");
    for (StoredRule rule : flatten(permissions)) {
      if (!rules.get(groupId).removeIf(r -> sameRule(r, rule))) {
        throw AwsFaults.error(400, "InvalidPermission.NotFound", "no such rule");
      }
    }
  }

  @Override
  public synchronized List<Instance> describeInstances(Collection<String> instanceIds) {
    count("DescribeInstances");
    return instanceIds.stream().map(instances::get).filter(i -> i != null).toList();
  }

  @Override
  public synchronized List<NetworkInterface> describeNetworkInterfacesByPrivateIp(
      String vpcId, Collection<String> privateIps) {
    count("DescribeNetworkInterfaces");
    return interfaces.stream()
        .filter(i -> i.privateIpAddresses().stream().anyMatch(privateIps::contains))
        .toList();
  }

  private static boolean sameRule(StoredRule a, StoredRule b) {
    return a.protocol().equals(b.protocol())
        && a.from() == b.from()
        && a.to() == b.to()
        && java.util.Objects.equals(a.cidr(), b.cidr())
        && java.util.Objects.equals(a.ipv6Cidr(), b.ipv6Cidr())
        && java.util.Objects.equals(a.sourceGroup(), b.sourceGroup());
  }

  private static List<StoredRule> flatten(List<IpPermission> permissions) {
    var result = new ArrayList<StoredRule>();
    for (IpPermission p : permissions) {
      for (IpRange r : p.ipRanges()) {
        result.add(
            new StoredRule(
                p.ipProtocol(), p.fromPort(), p.toPort(), r.cidrIP(), null, null, r.description()));
      }
      for (Ipv6Range r : p.ipv6Ranges()) {
        result.add(
            new StoredRule(
                p.ipProtocol(),
                p.fromPort(),
                p.toPort(),
                null,
                r.cidrIPv6(),
                null,
                r.description()));
      }
      for (UserIdGroupPair pair : p.userIdGroupPairs()) {
        String group = ((Token.Literal) pair.groupID()).value();
        result.add(
            new StoredRule(
                p.ipProtocol(), p.fromPort(), p.toPort(), null, null, group, pair.description()));
      }
    }
    return result;
  }

  private static IpPermission permission(StoredRule rule) {
    return new IpPermission(
        rule.protocol(),
        rule.from(),
        rule.to(),
        rule.cidr() == null ? List.of() : List.of(new IpRange(rule.cidr(), rule.description())),
        rule.ipv6Cidr() == null
            ? List.of()
            : List.of(new Ipv6Range(rule.ipv6Cidr(), rule.description())),
        List.of(),
        rule.sourceGroup() == null
            ? List.of()
            : List.of(new UserIdGroupPair(Token.of(rule.sourceGroup()), rule.description())));
  }

  // --- not part of the target engine ---

  @Override
  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public List<Subnet> describeSubnets(Collection<String> subnetIds) {
    throw unsupported();
  }

  @Override
  public List<Subnet> describeSubnetsInVpc(String vpcId) {
    throw unsupported();
  }

  @Override
  public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
    throw unsupported();
  }

  @Override
  public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames) {
    throw unsupported();
  }

  @Override
  public List<RouteTable> describeRouteTables(String vpcId) {
    throw unsupported();
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByTags(String vpcId, Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
    throw unsupported();
  }

  @Override
  public String createSecurityGroup(
      String vpcId, String groupName, String description, Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public void deleteSecurityGroup(String groupId) {
    throw unsupported();
  }

  @Override
  public void createTags(String resourceId, Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public void deleteTags(String resourceId, Collection<String> keys) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("not part of the in-memory EC2 fake");
  }
}
