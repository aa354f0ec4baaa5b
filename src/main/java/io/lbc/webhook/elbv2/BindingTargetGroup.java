package io.lbc.webhook.elbv2;

import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingIpAddressType;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.webhook.Denial;
import java.util.Optional;

/**
 * The target group one binding names, looked up at most once per admission, and the binding fields
 * it implies.
 */
final class BindingTargetGroup {
  private final TargetGroupCache cache;
  private final TargetGroupBindingSpec spec;
  private TargetGroup found;

  BindingTargetGroup(TargetGroupCache cache, TargetGroupBindingSpec spec) {
    this.cache = cache;
    this.spec = spec;
  }

  /** By ARN when the binding has one, else by name; refuses when there is none. */
  TargetGroup get(String check) {
    if (found != null) {
      return found;
    }
    boolean byArn = !isBlank(spec.targetGroupARN);
    Optional<TargetGroup> result;
    try {
      // a cross-account binding's target group is read as the role it assumes, as the reference
      TargetGroupCache account = cache.as(spec.iamRoleArnToAssume, spec.assumeRoleExternalId);
      result = byArn ? account.byArn(spec.targetGroupARN) : account.byName(spec.targetGroupName);
    } catch (RuntimeException e) {
      throw Denial.failed(check, "unable to describe the target group: " + e.getMessage());
    }
    found =
        result.orElseThrow(
            () ->
                Denial.invalid(
                    check,
                    byArn
                        ? "spec.targetGroupARN: target group " + spec.targetGroupARN + " not found"
                        : "spec.targetGroupName: no target group named " + spec.targetGroupName));
    return found;
  }

  BindingTargetType targetType(String check) {
    String type = get(check).targetType();
    if ("instance".equals(type)) {
      return BindingTargetType.INSTANCE;
    }
    if ("ip".equals(type)) {
      return BindingTargetType.IP;
    }
    throw Denial.invalid(check, "spec.targetType: unsupported TargetType: " + type);
  }

  BindingIpAddressType ipAddressType(String check) {
    String type = get(check).ipAddressType();
    if (type == null || type.isEmpty() || "ipv4".equals(type)) {
      return BindingIpAddressType.IPV4;
    }
    if ("ipv6".equals(type)) {
      return BindingIpAddressType.IPV6;
    }
    throw Denial.invalid(check, "spec.ipAddressType: unsupported IPAddressType: " + type);
  }

  Optional<TargetGroupProtocol> protocol(String check) {
    String protocol = get(check).protocol();
    if (protocol == null || protocol.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TargetGroupProtocol.valueOf(protocol));
    } catch (IllegalArgumentException e) {
      throw Denial.invalid(check, "spec.targetGroupProtocol: unsupported protocol: " + protocol);
    }
  }

  static boolean isBlank(String value) {
    return value == null || value.isEmpty();
  }
}
