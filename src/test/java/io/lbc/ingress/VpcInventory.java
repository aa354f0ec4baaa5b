package io.lbc.ingress;

import io.lbc.rig.AwsTestClients;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Everything in one VPC as moto holds it, tagged or not: what a crash or a retry could have
 * duplicated or leaked is counted here, whatever the controller's tags say. Compare two with {@link
 * #since}: what appeared in between.
 */
record VpcInventory(
    Set<String> loadBalancers,
    Set<String> targetGroups,
    Set<String> securityGroups,
    int listeners,
    int rules,
    int securityGroupPermissions) {
  static final VpcInventory NOTHING = new VpcInventory(Set.of(), Set.of(), Set.of(), 0, 0, 0);

  static VpcInventory of(AwsTestClients aws, String vpcId) {
    List<LoadBalancer> lbs =
        aws.elbv2().describeLoadBalancersPaginator(b -> {}).loadBalancers().stream()
            .filter(lb -> vpcId.equals(lb.vpcId()))
            .toList();
    List<TargetGroup> tgs =
        aws.elbv2().describeTargetGroupsPaginator(b -> {}).targetGroups().stream()
            .filter(tg -> vpcId.equals(tg.vpcId()))
            .toList();
    List<SecurityGroup> sgs =
        aws.ec2()
            .describeSecurityGroups(
                b -> b.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
            .securityGroups();
    int listeners = 0;
    int rules = 0;
    for (LoadBalancer lb : lbs) {
      var found = aws.elbv2().describeListeners(b -> b.loadBalancerArn(lb.loadBalancerArn()));
      listeners += found.listeners().size();
      for (var listener : found.listeners()) {
        rules +=
            aws.elbv2().describeRules(b -> b.listenerArn(listener.listenerArn())).rules().size();
      }
    }
    // one per source (range, group, prefix list) of every permission: rules merge into permissions
    int permissions =
        sgs.stream()
            .flatMap(g -> g.ipPermissions().stream())
            .mapToInt(
                p ->
                    p.ipRanges().size()
                        + p.ipv6Ranges().size()
                        + p.userIdGroupPairs().size()
                        + p.prefixListIds().size())
            .sum();
    return new VpcInventory(
        names(lbs.stream().map(LoadBalancer::loadBalancerArn).toList()),
        names(tgs.stream().map(TargetGroup::targetGroupArn).toList()),
        names(sgs.stream().map(SecurityGroup::groupId).toList()),
        listeners,
        rules,
        permissions);
  }

  private static Set<String> names(List<String> ids) {
    return new TreeSet<>(ids);
  }

  /** What is here and was not {@code before}; counts are differences. */
  VpcInventory since(VpcInventory before) {
    return new VpcInventory(
        minus(loadBalancers, before.loadBalancers),
        minus(targetGroups, before.targetGroups),
        minus(securityGroups, before.securityGroups),
        listeners - before.listeners,
        rules - before.rules,
        securityGroupPermissions - before.securityGroupPermissions);
  }

  /** The counts only, to compare two creates of the same objects under different names. */
  String counts() {
    return "%d load balancers, %d target groups, %d security groups, %d listeners, %d rules, %d SG permissions"
        .formatted(
            loadBalancers.size(),
            targetGroups.size(),
            securityGroups.size(),
            listeners,
            rules,
            securityGroupPermissions);
  }

  private static Set<String> minus(Set<String> all, Set<String> gone) {
    var left = new TreeSet<>(all);
    left.removeAll(gone);
    return left;
  }
}
