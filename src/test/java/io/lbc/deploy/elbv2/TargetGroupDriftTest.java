package io.lbc.deploy.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.model.elbv2.TargetGroupSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetGroupDriftTest {
  private static TargetGroupSpec desired(Integer controlPort) {
    return new TargetGroupSpec(
        "tg", "ip", 8080, "HTTP", "HTTP1", "ipv4", null, List.of(), Map.of(), controlPort);
  }

  private static TargetGroup actual(Integer controlPort) {
    return new TargetGroup(
        "arn", "tg", "ip", 8080, "HTTP", "HTTP1", "ipv4", "vpc-1", null, List.of(), controlPort);
  }

  @Test
  void aTargetControlPortThatDiffersInAnyWayReplacesTheTargetGroup() {
    assertThat(TargetGroupDrift.compatible(desired(null), actual(null))).isTrue();
    assertThat(TargetGroupDrift.compatible(desired(3000), actual(3000))).isTrue();
    assertThat(TargetGroupDrift.compatible(desired(3000), actual(null))).as("added").isFalse();
    assertThat(TargetGroupDrift.compatible(desired(null), actual(3000))).as("removed").isFalse();
    assertThat(TargetGroupDrift.compatible(desired(3001), actual(3000))).as("changed").isFalse();
  }
}
