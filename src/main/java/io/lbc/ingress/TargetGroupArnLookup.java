package io.lbc.ingress;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetGroup;
import java.util.Optional;

/** Finds a target group's ARN by name, for actions that forward to {@code targetGroupName}. */
@FunctionalInterface
public interface TargetGroupArnLookup {
  Optional<String> arnByName(String name);

  static TargetGroupArnLookup over(Elbv2 elbv2) {
    return name -> elbv2.describeTargetGroupByName(name).map(TargetGroup::arn);
  }
}
