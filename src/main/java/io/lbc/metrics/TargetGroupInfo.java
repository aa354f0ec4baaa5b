package io.lbc.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The reference's {@code aws_target_group_info{namespace,service,target_group}} (value 1): one
 * series per TargetGroupBinding the controller made for an Ingress, Service or Gateway, so
 * CloudWatch metrics of the target group (imported e.g. by cloudwatch_exporter, whose {@code
 * target_group} label is the same ARN suffix) can be joined to the Kubernetes Service. Set when the
 * stack deployer creates a binding or finds it in place, removed when it deletes it.
 */
public final class TargetGroupInfo {
  private final MeterRegistry registry;

  public TargetGroupInfo(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records nothing. */
  public static TargetGroupInfo off() {
    return new TargetGroupInfo(new CompositeMeterRegistry());
  }

  public void bound(String namespace, String service, String targetGroupArn) {
    Gauge.builder("aws.target.group.info", () -> 1)
        .description("Information available about target group")
        .tags(tags(namespace, service, targetGroupArn))
        .register(registry);
  }

  public void unbound(String namespace, String service, String targetGroupArn) {
    var gauge =
        registry
            .find("aws.target.group.info")
            .tags(tags(namespace, service, targetGroupArn))
            .gauge();
    if (gauge != null) {
      registry.remove(gauge);
    }
  }

  /**
   * The target group's CloudWatch dimension: the ARN after its last colon, {@code
   * targetgroup/<name>/<id>}.
   */
  static String targetGroup(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  private static Tags tags(String namespace, String service, String targetGroupArn) {
    return Tags.of(
        "namespace", namespace, "service", service, "target_group", targetGroup(targetGroupArn));
  }
}
