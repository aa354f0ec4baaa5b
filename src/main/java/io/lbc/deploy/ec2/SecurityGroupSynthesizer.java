package io.lbc.deploy.ec2;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.Synthesizer;
import io.lbc.deploy.TagSync;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.TrackingTags;
import io.lbc.model.ec2.SecurityGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Managed security groups: matched by resource-id tag, rules and tags kept equal to the spec. */
public final class SecurityGroupSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(SecurityGroupSynthesizer.class);
  private static final String TYPE = "securityGroup";

  private final Ec2 ec2;
  private final List<SecurityGroup> unwanted = new ArrayList<>();

  public SecurityGroupSynthesizer(Ec2 ec2) {
    this.ec2 = ec2;
  }

  @Override
  public String stageName() {
    return "*ec2.securityGroupSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    List<SecurityGroup> actual =
        new ArrayList<>(
            ec2.findSecurityGroupsByTags(
                context.vpcId(), TrackingTags.forStack(context.clusterName(), context.stackId())));
    String resourceKey = TrackingTags.resourceKey(context.stackId().kind());
    for (Resource<SecurityGroupSpec> desired :
        context.stack().resources(ResourceType.SECURITY_GROUP, SecurityGroupSpec.class)) {
      List<SecurityGroup> matches =
          actual.stream().filter(g -> desired.id().equals(g.tags().get(resourceKey))).toList();
      actual.removeAll(matches);
      String groupId;
      if (matches.isEmpty()) {
        groupId = create(context, desired);
      } else {
        groupId = matches.get(0).groupId();
        update(context, desired, matches.get(0));
        unwanted.addAll(matches.subList(1, matches.size()));
      }
      context
          .tokens()
          .put(ResourceType.SECURITY_GROUP, desired.id(), SecurityGroupSpec.GROUP_ID, groupId);
    }
    unwanted.addAll(actual);
  }

  private String create(DeployContext context, Resource<SecurityGroupSpec> desired) {
    SecurityGroupSpec spec = desired.spec();
    Map<String, String> tags = context.tagsFor(desired.id(), spec.tags());
    context.logWrite(log, "creating", TYPE, desired.id(), spec.groupName());
    String groupId =
        ec2.createSecurityGroup(context.vpcId(), spec.groupName(), spec.description(), tags);
    context.logWrite(log, "created", TYPE, desired.id(), groupId);
    if (!spec.ingress().isEmpty()) {
      ec2.authorizeIngress(
          groupId,
          IngressRuleSync.between(spec.ingress(), List.of(), context.tokens()).toAuthorize());
    }
    return groupId;
  }

  private void update(
      DeployContext context, Resource<SecurityGroupSpec> desired, SecurityGroup actual) {
    SecurityGroupSpec spec = desired.spec();
    IngressRuleSync rules =
        IngressRuleSync.between(spec.ingress(), actual.ingress(), context.tokens());
    if (!rules.toAuthorize().isEmpty()) {
      context.logWrite(log, "authorizing rules of", TYPE, desired.id(), actual.groupId());
      ec2.authorizeIngress(actual.groupId(), rules.toAuthorize());
    }
    if (!rules.toRevoke().isEmpty()) {
      context.logWrite(log, "revoking rules of", TYPE, desired.id(), actual.groupId());
      ec2.revokeIngress(actual.groupId(), rules.toRevoke());
    }
    TagSync tags =
        TagSync.between(
            context.tagsFor(desired.id(), spec.tags()),
            actual.tags(),
            context.externalManagedTags());
    if (!tags.toAdd().isEmpty()) {
      context.logWrite(log, "tagging", TYPE, desired.id(), actual.groupId());
      ec2.createTags(actual.groupId(), tags.toAdd());
    }
    if (!tags.toRemove().isEmpty()) {
      context.logWrite(log, "untagging", TYPE, desired.id(), actual.groupId());
      ec2.deleteTags(actual.groupId(), tags.toRemove());
    }
  }

  /** Deletes unwanted groups; one still in use by an ENI being released is retried later. */
  @Override
  public void postSynthesize(DeployContext context) {
    for (SecurityGroup group : unwanted) {
      try {
        context.logWrite(
            log,
            "deleting",
            TYPE,
            group.tags().get(TrackingTags.resourceKey(context.stackId().kind())),
            group.groupId());
        ec2.deleteSecurityGroup(group.groupId());
        context.logWrite(log, "deleted", TYPE, "", group.groupId());
      } catch (RuntimeException e) {
        if (AwsErrors.isDependencyViolation(e)) {
          throw new RetryLaterException(
              "security group " + group.groupId() + " is still in use", Duration.ofSeconds(15));
        }
        if (!AwsErrors.isNotFound(e)) {
          throw e;
        }
      }
    }
  }
}
