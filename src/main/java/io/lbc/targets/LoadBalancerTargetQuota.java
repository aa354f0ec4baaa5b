package io.lbc.targets;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.deploy.LoadBalancerQuotas;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The account's targets-per-load-balancer quota ({@code targets-per-application-load-balancer},
 * {@code targets-per-network-load-balancer}; DescribeAccountLimits, cached by {@link
 * LoadBalancerQuotas}), checked before a binding registers new targets: AWS counts a target once
 * per target group of the load balancer it is registered in, so the count is this group's targets
 * after the change plus those of the load balancer's other groups (draining ones not counted).
 *
 * <p>A rollout registers in many small steps: what the check reads (the group's load balancers, the
 * other groups' counts) is reused for {@link #READ_FOR}, so a burst of registrations costs AWS a
 * few reads rather than a few per step. A concurrent change of another group of the same load
 * balancer may thus be seen late; AWS itself still refuses a registration over the quota.
 */
final class LoadBalancerTargetQuota {
  static final String ALB = "targets-per-application-load-balancer";
  static final String NLB = "targets-per-network-load-balancer";
  private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");

  /** A load balancer that would hold more targets than the quota allows. */
  record Excess(String quota, String loadBalancerArn, int count, int limit) {
    String message() {
      return "registering no new targets: load balancer "
          + loadBalancerArn
          + " would have "
          + count
          + " targets, over the account's "
          + quota
          + " limit of "
          + limit;
    }
  }

  static final Duration READ_FOR = Duration.ofSeconds(30);

  private final Elbv2 elbv2;
  private final LoadBalancerQuotas quotas;
  private final ExpiringCache<String, Optional<TargetGroup>> groups = new ExpiringCache<>(READ_FOR);
  private final ExpiringCache<String, Map<String, Integer>> countsByLoadBalancer =
      new ExpiringCache<>(READ_FOR);

  LoadBalancerTargetQuota(Elbv2 elbv2) {
    this.elbv2 = elbv2;
    this.quotas = new LoadBalancerQuotas(elbv2);
  }

  /** The active targets of each target group of the load balancer, by ARN. */
  private Map<String, Integer> counts(String loadBalancerArn) {
    return countsByLoadBalancer.getOrLoad(
        loadBalancerArn,
        () -> {
          var counts = new HashMap<String, Integer>();
          for (TargetGroup group : elbv2.describeTargetGroupsOfLoadBalancer(loadBalancerArn)) {
            counts.put(group.arn(), TargetPlan.active(elbv2.describeTargetHealth(group.arn())));
          }
          return counts;
        });
  }

  /**
   * @param targetsAfter the group's active targets once the plan is applied
   * @return the first load balancer of the group the plan would take over its quota
   */
  Optional<Excess> excess(String targetGroupArn, int targetsAfter) {
    if (quotas.limit(ALB).isEmpty() && quotas.limit(NLB).isEmpty()) {
      return Optional.empty(); // the account tells no such limit: nothing to read
    }
    Optional<TargetGroup> group =
        groups.getOrLoad(targetGroupArn, () -> elbv2.describeTargetGroup(targetGroupArn));
    if (group.isEmpty()
        || group.get().loadBalancerArns() == null
        || "GENEVE".equals(group.get().protocol())) {
      return Optional.empty(); // not attached yet: counts toward no load balancer
    }
    String quota = ALB_PROTOCOLS.contains(group.get().protocol()) ? ALB : NLB;
    OptionalInt limit = quotas.limit(quota);
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    for (String lb : group.get().loadBalancerArns()) {
      int count = targetsAfter;
      for (Map.Entry<String, Integer> other : counts(lb).entrySet()) {
        if (!other.getKey().equals(targetGroupArn)) {
          count += other.getValue();
        }
      }
      if (count > limit.getAsInt()) {
        return Optional.of(new Excess(quota, lb, count, limit.getAsInt()));
      }
    }
    return Optional.empty();
  }
}
