package io.lbc.plan.diff;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.ec2.BackendSecurityGroup;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.UserInputException;
import io.lbc.plan.diff.PlannedChange.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the controller's own deployer over {@link DryRunAws}, so the changes a plan lists are the
 * writes a deploy would make, found the way a deploy finds them.
 */
public final class StackDryRun {
  /** The AWS resource types whose changes are listed, and their names in the changes. */
  private static final List<ResourceType> LISTED =
      List.of(
          ResourceType.SECURITY_GROUP,
          ResourceType.TARGET_GROUP,
          ResourceType.LOAD_BALANCER,
          ResourceType.LISTENER,
          ResourceType.LISTENER_RULE);

  private static final Set<String> LISTED_KINDS =
      Set.of("SecurityGroup", "TargetGroup", "LoadBalancer", "Listener", "Rule");

  private final Elbv2 elbv2Reads;
  private final Ec2 ec2Reads;
  private final String clusterName;
  private final String vpcId;
  private final Set<String> externalManagedTags;
  private final Optional<String> backendSecurityGroup;

  public StackDryRun(
      Elbv2 elbv2Reads,
      Ec2 ec2Reads,
      String clusterName,
      String vpcId,
      Set<String> externalManagedTags,
      Optional<String> backendSecurityGroup) {
    this.elbv2Reads = elbv2Reads;
    this.ec2Reads = ec2Reads;
    this.clusterName = clusterName;
    this.vpcId = vpcId;
    this.externalManagedTags = externalManagedTags;
    this.backendSecurityGroup = backendSecurityGroup;
  }

  public StackDiff diff(String kind, String name, Stack stack) {
    if (!stack.all().getOrDefault(ResourceType.ACM_CERTIFICATE, java.util.Map.of()).isEmpty()) {
      // their ARNs exist only once ACM issued them: the listeners using them cannot be compared
      return StackDiff.failed(
          kind,
          name,
          "the stack requests ACM certificates (create-acm-cert): its listeners cannot be planned"
              + " before the certificates are issued; see -o stack for the desired state",
          List.of());
    }
    var log = new ChangeLog();
    var aws = new DryRunAws(elbv2Reads, ec2Reads, log);
    var deployer =
        StackDeployer.awsOnly(
            new StackDeployer.Dependencies(
                aws.elbv2(),
                aws.ec2(),
                null,
                new ElbTagCache(aws.elbv2()),
                new BackendSecurityGroup(aws.ec2(), clusterName, vpcId, backendSecurityGroup),
                clusterName,
                vpcId,
                externalManagedTags));
    try {
      deployer.deploy(stack);
    } catch (UserInputException | RetryLaterException e) {
      return StackDiff.failed(kind, name, e.getMessage(), List.of());
    }
    List<PlannedChange> changes = log.changes();
    return new StackDiff(
        kind, name, changes, unchanged(stack, changes), Optional.empty(), List.of(), notes(stack));
  }

  /** The stack's AWS resources that no change touches. */
  private static int unchanged(Stack stack, List<PlannedChange> changes) {
    int wanted =
        LISTED.stream()
            .mapToInt(type -> stack.all().getOrDefault(type, java.util.Map.of()).size())
            .sum();
    long touched =
        changes.stream()
            .filter(c -> c.action() != Action.DELETE && LISTED_KINDS.contains(c.kind()))
            .count();
    return (int) Math.max(0, wanted - touched);
  }

  /** What the plan cannot compare, said rather than left out. */
  private static List<String> notes(Stack stack) {
    var notes = new ArrayList<String>();
    int bindings =
        stack.all().getOrDefault(ResourceType.TARGET_GROUP_BINDING, java.util.Map.of()).size();
    if (bindings > 0) {
      notes.add(
          bindings
              + " TargetGroupBinding(s) are cluster objects; plan does not read the cluster, so"
              + " they and the targets they register are not compared");
    }
    for (ResourceType addOn :
        List.of(
            ResourceType.WAFV2_WEB_ACL_ASSOCIATION,
            ResourceType.WAF_REGIONAL_WEB_ACL_ASSOCIATION,
            ResourceType.SHIELD_PROTECTION)) {
      if (!stack.all().getOrDefault(addOn, java.util.Map.of()).isEmpty()) {
        notes.add(addOn.typeName() + " is wanted; add-on associations are not compared by plan");
      }
    }
    return notes;
  }
}
