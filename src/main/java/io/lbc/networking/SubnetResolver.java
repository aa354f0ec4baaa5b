package io.lbc.networking;

import io.lbc.aws.ec2.AvailabilityZone;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Subnet;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Picks a load balancer's subnets (compat-spec §6.1): the ones the user named, the existing load
 * balancer's, or one per zone discovered by role and cluster tags. Read-only. When discovery finds
 * too few, the error lists every candidate with the reason it was passed over.
 */
public final class SubnetResolver {
  static final int MIN_FREE_IPS = 8;
  private static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";

  private final Ec2 ec2;
  private final ClusterContext cluster;

  public SubnetResolver(Ec2 ec2, ClusterContext cluster) {
    this.ec2 = ec2;
    this.cluster = cluster;
  }

  /** The chosen subnets, sorted by subnet ID (explicit ones keep the order given). */
  public List<String> resolve(SubnetRequest request) {
    if (request.explicit().isPresent()) {
      return explicit(request, request.explicit().get());
    }
    if (!request.existingSubnetIds().isEmpty()) {
      return request.existingSubnetIds().stream().sorted().toList();
    }
    return discover(request);
  }

  private List<String> explicit(SubnetRequest request, List<String> wanted) {
    if (!request.existingSubnetIds().isEmpty()
        && Set.copyOf(wanted).equals(Set.copyOf(request.existingSubnetIds()))) {
      return wanted; // already validated when the load balancer took them
    }
    List<String> ids = wanted.stream().filter(w -> w.startsWith("subnet-")).toList();
    List<String> names = wanted.stream().filter(w -> !w.startsWith("subnet-")).toList();
    var byId = new LinkedHashMap<String, Subnet>();
    if (!ids.isEmpty()) {
      ec2.describeSubnets(ids).forEach(s -> byId.put(s.subnetId(), s));
    }
    var missing = ids.stream().filter(id -> !byId.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      throw new UserInputException(request.field(), "subnets not found: " + missing);
    }
    List<Subnet> chosen = new ArrayList<>();
    var namedPool =
        names.isEmpty() ? List.<Subnet>of() : ec2.describeSubnetsByName(cluster.vpcId(), names);
    var used = new HashSet<String>();
    for (String item : wanted) {
      if (item.startsWith("subnet-")) {
        chosen.add(byId.get(item));
        continue;
      }
      Subnet match =
          namedPool.stream()
              .filter(s -> item.equals(s.tags().get("Name")) && !used.contains(s.subnetId()))
              .min(Comparator.comparing(Subnet::subnetId))
              .orElseThrow(
                  () ->
                      new UserInputException(
                          request.field(), "no subnet named '" + item + "' in " + cluster.vpcId()));
      used.add(match.subnetId());
      chosen.add(match);
    }
    var zones = new HashSet<String>();
    for (Subnet subnet : chosen) {
      if (!zones.add(subnet.availabilityZone())) {
        throw new UserInputException(
            request.field(),
            "more than one subnet in " + subnet.availabilityZone() + ": " + ids(chosen));
      }
      if (request.requiresIpv6() && subnet.ipv6CidrBlocks().isEmpty()) {
        throw new UserInputException(
            request.field(), subnet.subnetId() + " has no IPv6 CIDR, which dualstack needs");
      }
    }
    validate(request, chosen);
    return ids(chosen);
  }

  private List<String> discover(SubnetRequest request) {
    List<Subnet> inVpc = ec2.describeSubnetsInVpc(cluster.vpcId());
    List<Subnet> candidates = candidates(request, inVpc);
    var rejected = new TreeMap<String, String>();
    var eligible = new ArrayList<Subnet>();
    for (Subnet subnet : candidates) {
      String reason = rejection(request, subnet);
      if (reason == null) {
        eligible.add(subnet);
      } else {
        rejected.put(subnet.subnetId() + " (" + subnet.availabilityZone() + ")", reason);
      }
    }
    var perZone = new TreeMap<String, Subnet>();
    for (Subnet subnet : eligible) {
      perZone.merge(subnet.availabilityZone(), subnet, this::preferred);
    }
    List<Subnet> chosen =
        perZone.values().stream().sorted(Comparator.comparing(Subnet::subnetId)).toList();
    if (chosen.size() < minimum(request, chosen)) {
      throw new UserInputException(request.field(), explain(request, candidates, chosen, rejected));
    }
    validate(request, chosen);
    return ids(chosen);
  }

  /** Role-tagged (or selector-matched) subnets; by Internet Gateway routes when none is tagged. */
  private List<Subnet> candidates(SubnetRequest request, List<Subnet> inVpc) {
    if (request.tagSelector().isPresent()) {
      Map<String, List<String>> selector = request.tagSelector().get();
      return inVpc.stream()
          .filter(
              s ->
                  selector.entrySet().stream()
                      .allMatch(
                          e ->
                              s.tags().containsKey(e.getKey())
                                  && e.getValue().contains(s.tags().get(e.getKey()))))
          .toList();
    }
    String roleTag =
        request.scheme() == LoadBalancerScheme.INTERNET_FACING
            ? "kubernetes.io/role/elb"
            : "kubernetes.io/role/internal-elb";
    List<Subnet> tagged =
        inVpc.stream()
            .filter(s -> s.tags().containsKey(roleTag))
            .filter(s -> Set.of("", "1").contains(s.tags().get(roleTag)))
            .toList();
    if (!tagged.isEmpty() || !cluster.enabled(FeatureGate.SUBNET_DISCOVERY_BY_REACHABILITY)) {
      return tagged;
    }
    Set<String> publicSubnets =
        new RouteReachability(ec2.describeRouteTables(cluster.vpcId())).publicSubnets(inVpc);
    boolean wantPublic = request.scheme() == LoadBalancerScheme.INTERNET_FACING;
    return inVpc.stream().filter(s -> publicSubnets.contains(s.subnetId()) == wantPublic).toList();
  }

  /** Why a candidate cannot be used, or null when it can. */
  private String rejection(SubnetRequest request, Subnet subnet) {
    if (cluster.enabled(FeatureGate.SUBNETS_CLUSTER_TAG_CHECK)
        && taggedForOtherClustersOnly(subnet)) {
      return "tagged for other clusters only";
    }
    if (subnet.availableIpAddressCount() < MIN_FREE_IPS) {
      return subnet.availableIpAddressCount() + " free IP addresses (needs " + MIN_FREE_IPS + ")";
    }
    if (request.requiresIpv6() && subnet.ipv6CidrBlocks().isEmpty()) {
      return "no IPv6 CIDR (dualstack)";
    }
    return null;
  }

  private boolean taggedForOtherClustersOnly(Subnet subnet) {
    boolean anyClusterTag =
        subnet.tags().keySet().stream().anyMatch(k -> k.startsWith(CLUSTER_TAG_PREFIX));
    return anyClusterTag && !subnet.tags().containsKey(CLUSTER_TAG_PREFIX + cluster.clusterName());
  }

  /** In one zone: the subnet tagged for this cluster first, then the lowest subnet ID. */
  private Subnet preferred(Subnet a, Subnet b) {
    String ours = CLUSTER_TAG_PREFIX + cluster.clusterName();
    boolean aOurs = a.tags().containsKey(ours);
    boolean bOurs = b.tags().containsKey(ours);
    if (aOurs != bOurs) {
      return aOurs ? a : b;
    }
    return a.subnetId().compareTo(b.subnetId()) <= 0 ? a : b;
  }

  private void validate(SubnetRequest request, List<Subnet> chosen) {
    Set<String> locales = locales(chosen);
    if (locales.size() > 1) {
      throw new UserInputException(
          request.field(), "subnets mix zone types " + locales + ": " + ids(chosen));
    }
    int minimum = minimum(request, chosen);
    if (chosen.size() < minimum) {
      throw new UserInputException(
          request.field(),
          "an application load balancer needs subnets in at least "
              + minimum
              + " availability zones, got "
              + ids(chosen));
    }
  }

  private int minimum(SubnetRequest request, List<Subnet> chosen) {
    if (!request.application() || cluster.enabled(FeatureGate.ALB_SINGLE_SUBNET)) {
      return 1;
    }
    boolean outpost = chosen.stream().anyMatch(s -> s.outpostArn() != null);
    return outpost ? 1 : 2;
  }

  private Set<String> locales(List<Subnet> subnets) {
    if (subnets.isEmpty()) {
      return Set.of();
    }
    var zoneTypes =
        ec2
            .describeAvailabilityZones(
                subnets.stream().map(Subnet::availabilityZone).distinct().toList())
            .stream()
            .collect(
                Collectors.toMap(
                    AvailabilityZone::zoneName, AvailabilityZone::zoneType, (a, b) -> a));
    return subnets.stream()
        .map(
            s ->
                s.outpostArn() != null
                    ? "outpost"
                    : zoneTypes.getOrDefault(s.availabilityZone(), "availability-zone"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private String explain(
      SubnetRequest request,
      List<Subnet> candidates,
      List<Subnet> chosen,
      Map<String, String> rejected) {
    String kind = request.application() ? "application" : "network";
    var message =
        new StringBuilder()
            .append("unable to discover subnets in at least ")
            .append(minimum(request, chosen))
            .append(" availability zones for an ")
            .append(request.scheme().value())
            .append(" ")
            .append(kind)
            .append(" load balancer in ")
            .append(cluster.vpcId());
    if (candidates.isEmpty()) {
      message
          .append(": no subnet carries ")
          .append(
              request.tagSelector().isPresent()
                  ? "the IngressClassParams subnet tags " + request.tagSelector().get()
                  : request.scheme() == LoadBalancerScheme.INTERNET_FACING
                      ? "the tag kubernetes.io/role/elb=1"
                      : "the tag kubernetes.io/role/internal-elb=1");
    } else {
      message.append(". Evaluated ").append(candidates.size()).append(" subnets");
      rejected.forEach(
          (subnet, reason) -> message.append("; ").append(subnet).append(": ").append(reason));
      if (!chosen.isEmpty()) {
        message.append("; usable: ").append(ids(chosen));
      }
    }
    return message
        .append(". Tag subnets for discovery or name them in ")
        .append(request.field())
        .toString();
  }

  private static List<String> ids(List<Subnet> subnets) {
    return subnets.stream().map(Subnet::subnetId).toList();
  }
}
