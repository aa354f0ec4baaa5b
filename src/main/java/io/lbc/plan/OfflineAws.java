package io.lbc.plan;

import io.lbc.aws.ReadOnlyPorts;
import io.lbc.aws.acm.Acm;
import io.lbc.aws.ec2.AvailabilityZone;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.ec2.Subnet;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.shield.ShieldSubscription;
import io.lbc.aws.wafv2.Wafv2;
import io.lbc.ingress.AddOnLookups;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS {@code plan --offline} assumes, so a pipeline without credentials can plan: one VPC
 * ({@code --aws-vpc-id}, else {@code vpc-offline}, CIDR 10.0.0.0/16) with three zones ({@code
 * <region>a}, {@code b}, {@code c}); per zone a public subnet tagged {@code
 * kubernetes.io/role/elb=1} (10.0.0.0/20, 10.0.16.0/20, 10.0.32.0/20, IDs {@code
 * subnet-offline-public-a} …) and a private one tagged {@code kubernetes.io/role/internal-elb=1}
 * (10.0.64.0/20 …, {@code subnet-offline-private-a} …); a security group named in an annotation
 * exists with ID {@code sg-offline-<name>}; no load balancers, target groups, certificates, trust
 * stores or web ACLs exist, so every resource is planned as a create (name certificates with {@code
 * certificate-arn}: discovery finds none). Nothing here opens a connection.
 */
final class OfflineAws {
  static final String DEFAULT_VPC = "vpc-offline";
  private static final List<String> ZONES = List.of("a", "b", "c");

  final Vpc vpc;
  final Ec2 ec2;
  final Elbv2 elbv2 = empty(Elbv2.class, new Object());
  final Acm acm = empty(Acm.class, new Object());
  final AddOnLookups addOns =
      new AddOnLookups(
          empty(Wafv2.class, new Object()),
          new ShieldSubscription(empty(Shield.class, new Object())),
          false);

  OfflineAws(String region, Optional<String> vpcId) {
    this.vpc = new Vpc(vpcId.orElse(DEFAULT_VPC), List.of("10.0.0.0/16"), List.of(), Map.of());
    this.ec2 = empty(Ec2.class, new Ec2Reads(region, vpc));
  }

  /** The offline account's EC2: the VPC, its zones and subnets, and any named security group. */
  public static final class Ec2Reads {
    private final Vpc vpc;
    private final List<Subnet> subnets = new ArrayList<>();
    private final List<AvailabilityZone> zones = new ArrayList<>();

    Ec2Reads(String region, Vpc vpc) {
      this.vpc = vpc;
      for (int i = 0; i < ZONES.size(); i++) {
        String zone = region + ZONES.get(i);
        zones.add(new AvailabilityZone(zone, "offline-az" + (i + 1), "availability-zone"));
        subnets.add(subnet(vpc, zone, i, "public", 16 * i, "kubernetes.io/role/elb"));
        subnets.add(
            subnet(vpc, zone, i, "private", 64 + 16 * i, "kubernetes.io/role/internal-elb"));
      }
    }

    private static Subnet subnet(
        Vpc vpc, String zone, int index, String kind, int thirdOctet, String roleTag) {
      String id = "subnet-offline-" + kind + "-" + ZONES.get(index);
      return new Subnet(
          id,
          vpc.vpcId(),
          zone,
          "offline-az" + (index + 1),
          "10.0." + thirdOctet + ".0/20",
          List.of(),
          4091,
          null,
          Map.of("Name", "offline-" + kind + "-" + ZONES.get(index), roleTag, "1"));
    }

    public Optional<Vpc> describeVpc(String vpcId) {
      return vpc.vpcId().equals(vpcId) ? Optional.of(vpc) : Optional.empty();
    }

    public List<Vpc> findVpcsByTags(Map<String, String> tags) {
      return List.of(vpc);
    }

    public List<Subnet> describeSubnets(Collection<String> subnetIds) {
      return subnets.stream().filter(s -> subnetIds.contains(s.subnetId())).toList();
    }

    public List<Subnet> describeSubnetsInVpc(String vpcId) {
      return vpc.vpcId().equals(vpcId) ? List.copyOf(subnets) : List.of();
    }

    public List<Subnet> describeSubnetsByName(String vpcId, Collection<String> names) {
      return describeSubnetsInVpc(vpcId).stream()
          .filter(s -> names.contains(s.tags().get("Name")))
          .toList();
    }

    public List<AvailabilityZone> describeAvailabilityZones(Collection<String> zoneNames) {
      return zones.stream().filter(z -> zoneNames.contains(z.zoneName())).toList();
    }

    public List<SecurityGroup> findSecurityGroupsByName(String vpcId, Collection<String> names) {
      return names.stream()
          .map(
              name ->
                  new SecurityGroup(
                      "sg-offline-" + name, name, vpcId, name, List.of(), Map.of("Name", name)))
          .toList();
    }
  }

  /**
   * The port's reads answered by {@code reads} where it has a method of that name, and by "none"
   * (empty list, map, optional) otherwise; every write refused.
   */
  private static <T> T empty(Class<T> port, Object reads) {
    Object proxy =
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(reads, args);
              }
              if (!ReadOnlyPorts.isRead(method.getName())) {
                throw new UnsupportedOperationException(
                    "plan --offline never writes to AWS, refused " + method.getName());
              }
              Optional<Method> own = own(reads, method);
              if (own.isPresent()) {
                try {
                  return own.get().invoke(reads, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }
              return ReadOnlyPorts.nothingFound(method.getReturnType());
            });
    return port.cast(proxy);
  }

  private static Optional<Method> own(Object reads, Method method) {
    try {
      return Optional.of(reads.getClass().getMethod(method.getName(), method.getParameterTypes()));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }
}
