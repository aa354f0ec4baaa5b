package io.lbc.deploy.elbv2;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.elbv2.CreateTargetGroup;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.deploy.AttributeSync;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.TrackingTags;
import io.lbc.model.elbv2.TargetGroupSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target groups: matched by resource-id tag, modified in place where AWS allows (health check,
 * attributes, tags), replaced when an immutable field changes. Replaced and unwanted groups are
 * deleted only after listeners and rules have moved off them.
 */
public final class TargetGroupSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(TargetGroupSynthesizer.class);
  private static final String TYPE = "targetGroup";

  private final Elbv2 elbv2;
  private final StackResourceFinder finder;
  private final ElbTags tags;
  private final List<TargetGroup> unwanted = new ArrayList<>();

  public TargetGroupSynthesizer(Elbv2 elbv2, StackResourceFinder finder, ElbTags tags) {
    this.elbv2 = elbv2;
    this.finder = finder;
    this.tags = tags;
  }

  @Override
  public String stageName() {
    return "*elbv2.targetGroupSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    List<TargetGroup> actual = new ArrayList<>(finder.targetGroups(context.stackId()));
    String resourceKey = TrackingTags.resourceKey(context.stackId().kind());
    for (Resource<TargetGroupSpec> desired :
        context.stack().resources(ResourceType.TARGET_GROUP, TargetGroupSpec.class)) {
      List<TargetGroup> sameId =
          actual.stream()
              .filter(tg -> desired.id().equals(finder.tagsOf(tg.arn()).get(resourceKey)))
              .toList();
      actual.removeAll(sameId);
      TargetGroup kept =
          sameId.stream()
              .filter(tg -> TargetGroupDrift.compatible(desired.spec(), tg))
              .findFirst()
              .orElse(null);
      sameId.stream().filter(tg -> tg != kept).forEach(unwanted::add);
      String arn = kept == null ? create(context, desired) : update(context, desired, kept);
      context.tokens().put(ResourceType.TARGET_GROUP, desired.id(), TargetGroupSpec.ARN, arn);
    }
    unwanted.addAll(actual);
  }

  private String create(DeployContext context, Resource<TargetGroupSpec> desired) {
    TargetGroupSpec spec = desired.spec();
    Map<String, String> allTags = context.tagsFor(desired.id(), spec.tags());
    context.logWrite(log, "creating", TYPE, desired.id(), spec.name());
    TargetGroup created =
        elbv2.createTargetGroup(
            new CreateTargetGroup(
                spec.name(),
                spec.targetType(),
                spec.port(),
                spec.protocol(),
                spec.protocolVersion(),
                spec.ipAddressType(),
                context.vpcId(),
                spec.healthCheckConfig(),
                allTags,
                spec.targetControlPort()));
    tags.created(created.arn(), allTags);
    context.logWrite(log, "created", TYPE, desired.id(), created.arn());
    AttributeSync.sync(
        spec.targetGroupAttributes(),
        Map::of,
        attributes -> elbv2.modifyTargetGroupAttributes(created.arn(), attributes));
    return created.arn();
  }

  private String update(
      DeployContext context, Resource<TargetGroupSpec> desired, TargetGroup actual) {
    TargetGroupSpec spec = desired.spec();
    if (!TargetGroupDrift.healthCheckDiffers(spec.healthCheckConfig(), actual.healthCheck())) {
      context.writes().converged(TYPE, desired.id(), "healthCheck");
    } else if (context
        .writes()
        .mayWrite(
            TYPE, desired.id(), "healthCheck", spec.healthCheckConfig(), actual.healthCheck())) {
      context.logWrite(log, "modifying", TYPE, desired.id(), actual.arn());
      elbv2.modifyTargetGroup(actual.arn(), spec.healthCheckConfig());
    }
    AttributeSync.sync(
        spec.targetGroupAttributes(),
        () -> elbv2.describeTargetGroupAttributes(actual.arn()),
        changes -> {
          context.logWrite(log, "modifying attributes of", TYPE, desired.id(), actual.arn());
          elbv2.modifyTargetGroupAttributes(actual.arn(), changes);
        });
    tags.sync(
        context, TYPE, desired.id(), actual.arn(), context.tagsFor(desired.id(), spec.tags()));
    return actual.arn();
  }

  @Override
  public void postSynthesize(DeployContext context) {
    for (TargetGroup group : unwanted) {
      try {
        context.logWrite(log, "deleting", TYPE, group.name(), group.arn());
        elbv2.deleteTargetGroup(group.arn());
        tags.forget(group.arn());
        context.logWrite(log, "deleted", TYPE, group.name(), group.arn());
      } catch (RuntimeException e) {
        if (AwsErrors.isResourceInUse(e)) {
          throw new RetryLaterException(
              "target group " + group.arn() + " is still in use", Duration.ofSeconds(10));
        }
        if (!AwsErrors.isNotFound(e)) {
          throw e;
        }
      }
    }
  }
}
