package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.Objects;

/** Whether an existing target group can become the desired one, and whether it drifted. */
final class TargetGroupDrift {
  private TargetGroupDrift() {}

  /**
   * Target type, protocol, protocol version, IP address type and target control port cannot be
   * modified in AWS.
   */
  static boolean compatible(TargetGroupSpec desired, TargetGroup actual) {
    return desired.targetType().equals(actual.targetType())
        && Objects.equals(desired.targetControlPort(), actual.targetControlPort())
        && desired.protocol().equals(actual.protocol())
        && Objects.equals(
            blankToNull(desired.protocolVersion()), blankToNull(actual.protocolVersion()))
        && Objects.equals(orIpv4(desired.ipAddressType()), orIpv4(actual.ipAddressType()));
  }

  /** True when a health-check field the spec sets differs from AWS's value. */
  static boolean healthCheckDiffers(HealthCheckConfig desired, HealthCheckConfig actual) {
    if (desired == null) {
      return false;
    }
    if (actual == null) {
      return true;
    }
    return differs(desired.port(), actual.port())
        || differs(desired.protocol(), actual.protocol())
        || differs(desired.path(), actual.path())
        || differs(desired.matcher(), actual.matcher())
        || differs(desired.intervalSeconds(), actual.intervalSeconds())
        || differs(desired.timeoutSeconds(), actual.timeoutSeconds())
        || differs(desired.healthyThresholdCount(), actual.healthyThresholdCount())
        || differs(desired.unhealthyThresholdCount(), actual.unhealthyThresholdCount());
  }

  private static boolean differs(Object desired, Object actual) {
    return desired != null && !desired.equals(actual);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String orIpv4(String value) {
    return value == null ? "ipv4" : value;
  }
}
