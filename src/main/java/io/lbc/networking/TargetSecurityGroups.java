package io.lbc.networking;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Instance;
import io.lbc.aws.ec2.NetworkInterface;
import io.lbc.aws.ec2.NetworkInterface.GroupRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the security group that backend rules go on, per target (compat-spec §6.2): the pod's ENI
 * for IP targets, the node's primary ENI for instance targets. An ENI with one group uses it;
 * otherwise the one group tagged {@code kubernetes.io/cluster/<cluster>}. Answers are cached for a
 * while, so a change of one endpoint does not re-describe every ENI of the Service.
 */
public final class TargetSecurityGroups {
  private record Cached(String groupId, Instant expires) {}

  private final Ec2 ec2;
  private final String clusterTagKey;
  private final Map<String, String> requiredTags;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> byTarget = new ConcurrentHashMap<>();

  public TargetSecurityGroups(Ec2 ec2, String clusterName, Clock clock, Duration ttl) {
    this(ec2, clusterName, Map.of(), clock, ttl);
  }

  /**
   * @param requiredTags {@code --service-target-eni-security-group-tags}: of an ENI with several
   *     groups, the one picked must carry these tags as well as the cluster tag
   */
  public TargetSecurityGroups(
      Ec2 ec2, String clusterName, Map<String, String> requiredTags, Clock clock, Duration ttl) {
    this.ec2 = ec2;
    this.requiredTags = Map.copyOf(requiredTags);
    this.clusterTagKey = "kubernetes.io/cluster/" + clusterName;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * @return the group of each pod IP
   * @throws IllegalStateException when an IP has no ENI or its ENI has no single candidate group
   */
  public Map<String, String> forPodIps(String vpcId, Collection<String> ips) {
    var result = new TreeMap<String, String>();
    List<String> missing = fromCache(ips, result);
    if (!missing.isEmpty()) {
      List<NetworkInterface> interfaces = ec2.describeNetworkInterfacesByPrivateIp(vpcId, missing);
      for (String ip : missing) {
        NetworkInterface eni =
            interfaces.stream()
                .filter(i -> i.privateIpAddresses().contains(ip))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no network interface in " + vpcId + " has the pod IP " + ip));
        remember(ip, pick(eni), result);
      }
    }
    return result;
  }

  /**
   * @return the group of each instance's primary network interface
   * @throws IllegalStateException when an instance is missing or has no single candidate group
   */
  public Map<String, String> forInstances(Collection<String> instanceIds) {
    var result = new TreeMap<String, String>();
    List<String> missing = fromCache(instanceIds, result);
    if (!missing.isEmpty()) {
      List<Instance> instances = ec2.describeInstances(missing);
      for (String id : missing) {
        Instance instance =
            instances.stream()
                .filter(i -> i.instanceId().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("instance " + id + " not found"));
        NetworkInterface primary =
            instance.networkInterfaces().stream()
                .filter(i -> i.deviceIndex() == 0)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "instance " + id + " has no primary network interface"));
        remember(id, pick(primary), result);
      }
    }
    return result;
  }

  private List<String> fromCache(Collection<String> targets, Map<String, String> result) {
    Instant now = clock.instant();
    return targets.stream()
        .distinct()
        .filter(
            target -> {
              Cached cached = byTarget.get(target);
              if (cached != null && cached.expires().isAfter(now)) {
                result.put(target, cached.groupId());
                return false;
              }
              return true;
            })
        .toList();
  }

  private void remember(String target, String groupId, Map<String, String> result) {
    byTarget.put(target, new Cached(groupId, clock.instant().plus(ttl)));
    result.put(target, groupId);
  }

  private String pick(NetworkInterface eni) {
    if (eni.groups().size() == 1) {
      return eni.groups().get(0).groupId();
    }
    List<String> tagged =
        eni.groups().stream()
            .filter(g -> g.tags() != null && g.tags().containsKey(clusterTagKey))
            .filter(g -> g.tags().entrySet().containsAll(requiredTags.entrySet()))
            .map(GroupRef::groupId)
            .toList();
    if (tagged.size() != 1) {
      throw new IllegalStateException(
          "expected exactly one security group tagged "
              + clusterTagKey
              + (requiredTags.isEmpty() ? "" : " and " + requiredTags)
              + " on "
              + eni.networkInterfaceId()
              + ", found "
              + tagged.size()
              + " among "
              + eni.groups().stream().map(GroupRef::groupId).toList());
    }
    return tagged.get(0);
  }
}
