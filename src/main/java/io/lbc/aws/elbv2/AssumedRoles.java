package io.lbc.aws.elbv2;

import io.lbc.model.UserInputException;

/**
 * ELBv2 as an IAM role of another account: a cross-account TargetGroupBinding's {@code
 * iamRoleArnToAssume} and {@code assumeRoleExternalId}, assumed through STS.
 */
@FunctionalInterface
public interface AssumedRoles {
  Elbv2 elbv2(String roleArn, String externalId);

  /** For parts that are never given a cross-account binding. */
  static AssumedRoles none() {
    return (role, externalId) -> {
      throw new UserInputException(
          "spec.iamRoleArnToAssume", "this controller was started without STS access");
    };
  }
}
