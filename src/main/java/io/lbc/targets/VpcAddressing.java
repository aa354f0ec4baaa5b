package io.lbc.targets;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.model.UserInputException;
import io.lbc.networking.Cidr;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which VPC a binding's targets live in, and whether a pod IP lies inside it: IPs outside (peered
 * or cross-VPC) are registered with availability zone {@code all}.
 */
final class VpcAddressing {
  static final String VPC_FIELD = "spec.vpcID";
  static final String OUTSIDE_VPC = "all";

  private final Vpc clusterVpc;
  private final Ec2 ec2;
  private final Map<String, List<Cidr>> cidrsByVpc = new ConcurrentHashMap<>();
  private final java.util.Set<String> invisible = ConcurrentHashMap.newKeySet();

  VpcAddressing(Vpc clusterVpc, Ec2 ec2) {
    this.clusterVpc = clusterVpc;
    this.ec2 = ec2;
    cidrsByVpc.put(clusterVpc.vpcId(), cidrs(clusterVpc));
  }

  String vpcId(TargetGroupBindingSpec spec) {
    return spec.vpcID == null || spec.vpcID.isBlank() ? clusterVpc.vpcId() : spec.vpcID;
  }

  /**
   * For each IP of the binding's targets: null inside its VPC, {@code all} outside. A cross-account
   * binding's VPC that this account cannot see (peered, not shared) puts every IP outside, as the
   * reference does.
   */
  Function<String, String> availabilityZones(TargetGroupBindingSpec spec) {
    String vpcId = vpcId(spec);
    boolean crossAccount = spec.iamRoleArnToAssume != null && !spec.iamRoleArnToAssume.isBlank();
    if (crossAccount
        && (invisible.contains(vpcId)
            || (!cidrsByVpc.containsKey(vpcId) && ec2.describeVpc(vpcId).isEmpty()))) {
      invisible.add(vpcId);
      return ip -> OUTSIDE_VPC;
    }
    return availabilityZones(vpcId);
  }

  /** For each IP: null inside the VPC, {@code all} outside. */
  Function<String, String> availabilityZones(String vpcId) {
    List<Cidr> cidrs =
        cidrsByVpc.computeIfAbsent(
            vpcId,
            id ->
                cidrs(
                    ec2.describeVpc(id)
                        .orElseThrow(
                            () ->
                                new UserInputException(
                                    VPC_FIELD, "VPC " + id + " does not exist"))));
    return ip -> cidrs.stream().anyMatch(c -> c.contains(ip)) ? null : OUTSIDE_VPC;
  }

  private static List<Cidr> cidrs(Vpc vpc) {
    return Stream.concat(vpc.ipv4Cidrs().stream(), vpc.ipv6Cidrs().stream())
        .map(Cidr::parse)
        .toList();
  }
}
