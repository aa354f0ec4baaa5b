package io.lbc.deploy;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.model.StackId;
import io.lbc.model.TrackingTags;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a stack's load balancers and target groups by their tracking tags (compat-spec §5.3):
 * everything in the cluster's VPC carrying the cluster and stack tags. Read-only.
 */
public final class StackResourceFinder {
  private final Elbv2 elbv2;
  private final ElbTagCache tags;
  private final String clusterName;
  private final String vpcId;

  public StackResourceFinder(Elbv2 elbv2, ElbTagCache tags, String clusterName, String vpcId) {
    this.elbv2 = elbv2;
    this.tags = tags;
    this.clusterName = clusterName;
    this.vpcId = vpcId;
  }

  public List<LoadBalancer> loadBalancers(StackId stack) {
    List<LoadBalancer> inVpc =
        elbv2.describeLoadBalancers().stream().filter(lb -> vpcId.equals(lb.vpcId())).toList();
    Map<String, Map<String, String>> byArn =
        tags.tags(inVpc.stream().map(LoadBalancer::arn).toList());
    return inVpc.stream().filter(lb -> belongs(byArn.get(lb.arn()), stack)).toList();
  }

  /** The stack's load balancer, if it has one (the one tagged {@code LoadBalancer} first). */
  public Optional<LoadBalancer> loadBalancer(StackId stack) {
    String resourceKey = TrackingTags.resourceKey(stack.kind());
    List<LoadBalancer> all = loadBalancers(stack);
    return all.stream()
        .filter(lb -> LoadBalancerSpec.ID.equals(tagsOf(lb.arn()).get(resourceKey)))
        .findFirst()
        .or(
            () ->
                all.stream()
                    .filter(
                        lb ->
                            !LoadBalancerSpec.FRONTEND_NLB_ID.equals(
                                tagsOf(lb.arn()).get(resourceKey)))
                    .findFirst());
  }

  public List<TargetGroup> targetGroups(StackId stack) {
    List<TargetGroup> inVpc =
        elbv2.describeTargetGroups().stream().filter(tg -> vpcId.equals(tg.vpcId())).toList();
    Map<String, Map<String, String>> byArn =
        tags.tags(inVpc.stream().map(TargetGroup::arn).toList());
    return inVpc.stream().filter(tg -> belongs(byArn.get(tg.arn()), stack)).toList();
  }

  /** The tags of an ARN this finder has seen. */
  public Map<String, String> tagsOf(String arn) {
    return tags.tags(List.of(arn)).getOrDefault(arn, Map.of());
  }

  private boolean belongs(Map<String, String> resourceTags, StackId stack) {
    return resourceTags != null
        && clusterName.equals(resourceTags.get(TrackingTags.CLUSTER))
        && stack.value().equals(resourceTags.get(TrackingTags.stackKey(stack.kind())));
  }
}
