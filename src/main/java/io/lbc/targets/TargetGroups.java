package io.lbc.targets;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.model.UserInputException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a binding's target group: {@code spec.targetGroupARN}, or the group named by {@code
 * spec.targetGroupName}. A target group's identity and type never change, so lookups are cached
 * until AWS says the group is gone.
 */
final class TargetGroups {
  static final String ARN_FIELD = "spec.targetGroupARN";
  static final String NAME_FIELD = "spec.targetGroupName";

  private final Elbv2 elbv2;
  private final Map<String, String> arnByName = new ConcurrentHashMap<>();
  private final Map<String, TargetGroup> byArn = new ConcurrentHashMap<>();

  TargetGroups(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  String arn(TargetGroupBindingSpec spec) {
    if (spec.targetGroupARN != null && !spec.targetGroupARN.isBlank()) {
      return spec.targetGroupARN;
    }
    if (spec.targetGroupName == null || spec.targetGroupName.isBlank()) {
      throw new UserInputException(
          ARN_FIELD, "either targetGroupARN or targetGroupName is required");
    }
    return arnByName.computeIfAbsent(
        spec.targetGroupName,
        name -> {
          TargetGroup group =
              elbv2
                  .describeTargetGroupByName(name)
                  .orElseThrow(
                      () -> new UserInputException(NAME_FIELD, "no target group is named " + name));
          byArn.put(group.arn(), group);
          return group.arn();
        });
  }

  TargetGroup describe(String arn) {
    return byArn.computeIfAbsent(
        arn, a -> elbv2.describeTargetGroup(a).orElseThrow(() -> notFound(a)));
  }

  /** AWS said the group does not exist: look it up afresh next time. */
  UserInputException forget(String arn) {
    byArn.remove(arn);
    arnByName.values().remove(arn);
    return notFound(arn);
  }

  private static UserInputException notFound(String arn) {
    return new UserInputException(ARN_FIELD, "target group " + arn + " does not exist");
  }
}
