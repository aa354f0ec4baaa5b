package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Target;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.aws.elbv2.TargetHealth;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.TrackingTags;
import io.lbc.model.elbv2.FrontendNlbTargetSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ALB as the one target of each frontend NLB target group (type {@code alb}). Runs right after
 * the security groups: {@link #synthesize} deregisters the ALB from the stack's {@code alb} target
 * groups that are no longer wanted, before any load balancer or target group is deleted; {@link
 * #postSynthesize} registers it, by ARN and listener port, once the target groups, both load
 * balancers and the ALB's listeners exist, and deregisters a stale registration (another ALB after
 * a replacement, or another port after a mapping change).
 */
public final class FrontendNlbTargetSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(FrontendNlbTargetSynthesizer.class);
  private static final String TYPE = "frontendNlbTarget";
  private static final String ALB = "alb";
  private static final String DRAINING = "draining";

  private final Elbv2 elbv2;
  private final StackResourceFinder finder;

  public FrontendNlbTargetSynthesizer(Elbv2 elbv2, StackResourceFinder finder) {
    this.elbv2 = elbv2;
    this.finder = finder;
  }

  @Override
  public String stageName() {
    return "*elbv2.frontendNlbTargetSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    Set<String> wanted =
        wanted(context).stream().map(Resource::id).collect(Collectors.toUnmodifiableSet());
    String resourceKey = TrackingTags.resourceKey(context.stackId().kind());
    for (TargetGroup group : finder.targetGroups(context.stackId())) {
      if (!ALB.equals(group.targetType())
          || wanted.contains(finder.tagsOf(group.arn()).get(resourceKey))) {
        continue;
      }
      List<Target> registered = registered(group.arn());
      if (!registered.isEmpty()) {
        context.logWrite(log, "deregistering ALB from", TYPE, group.name(), group.arn());
        elbv2.deregisterTargets(group.arn(), registered);
      }
    }
  }

  @Override
  public void postSynthesize(DeployContext context) {
    for (Resource<FrontendNlbTargetSpec> desired : wanted(context)) {
      FrontendNlbTargetSpec spec = desired.spec();
      String groupArn = context.tokens().resolve(spec.targetGroupARN());
      Target target =
          Target.of(context.tokens().resolve(spec.loadBalancerARN()), spec.targetPort());
      List<Target> registered = registered(groupArn);
      List<Target> stale =
          registered.stream()
              .filter(t -> !(t.id().equals(target.id()) && t.port() == target.port()))
              .toList();
      if (!stale.isEmpty()) { // first: an alb target group takes one target
        context.logWrite(log, "deregistering stale ALB from", TYPE, desired.id(), groupArn);
        elbv2.deregisterTargets(groupArn, stale);
      }
      if (stale.size() == registered.size()) {
        context.logWrite(log, "registering ALB in", TYPE, desired.id(), groupArn);
        elbv2.registerTargets(groupArn, List.of(target));
      }
    }
  }

  private static List<Resource<FrontendNlbTargetSpec>> wanted(DeployContext context) {
    return context
        .stack()
        .resources(ResourceType.FRONTEND_NLB_TARGET_GROUP, FrontendNlbTargetSpec.class);
  }

  /** The targets registered now, leaving out those already draining away. */
  private List<Target> registered(String groupArn) {
    return elbv2.describeTargetHealth(groupArn).stream()
        .filter(h -> !DRAINING.equals(h.state()))
        .map(TargetHealth::target)
        .map(t -> Target.of(t.id(), t.port()))
        .toList();
  }
}
