package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import io.lbc.rig.TargetHealthControl;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The emulator's target health state machine (rig/moto_ext/lbc_moto_ext/target_health.py) on the
 * raw SDK: initial for interval × healthy threshold, then healthy or unhealthy as the test marks
 * it, draining for the deregistration delay, then gone; all scaled by the test's time scale.
 */
@RigTest
class TargetHealthEmulationIT {
  private ElasticLoadBalancingV2Client elb;
  private String tg;

  @BeforeEach
  void targetGroup(AwsTestClients aws) {
    elb = aws.elbv2();
    String vpcId = AwsFixtures.clusterVpc(aws.ec2(), "health").vpcId();
    // 10 s × 3 checks = 30 s of initial, 20 s of draining: 0.3 s and 0.2 s at a scale of 0.01 ...
    tg =
        elb.createTargetGroup(
                r ->
                    r.name("health")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpcId)
                        .targetType("ip")
                        .healthCheckIntervalSeconds(10)
                        .healthyThresholdCount(3))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tg)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("20")));
  }

  private Map<String, String> states() {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
        .collect(
            Collectors.toMap(
                d -> d.target().id(), TargetHealthEmulationIT::stateAndReason, (a, b) -> a));
  }

  private static String stateAndReason(TargetHealthDescription d) {
    String reason = d.targetHealth().reasonAsString();
    return d.targetHealth().stateAsString() + (reason == null ? "" : " " + reason);
  }

  @Test
  void aTargetIsInitialThenHealthyOrUnhealthyAndDrainsForTheDeregistrationDelay(
      TargetHealthControl health) {
    // ... and 6 s and 4 s at 0.2: long enough to see each state on a busy machine.
    health.timeScale(0.2);
    health.unhealthy("10.0.11.9", true);
    elb.registerTargets(
        r ->
            r.targetGroupArn(tg)
                .targets(t -> t.id("10.0.11.8").port(8080), t -> t.id("10.0.11.9").port(8080)));

    assertThat(states())
        .containsEntry("10.0.11.8", "initial Elb.RegistrationInProgress")
        .containsEntry("10.0.11.9", "initial Elb.RegistrationInProgress");

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> states().get("10.0.11.8").equals("healthy"));
    assertThat(states()).containsEntry("10.0.11.9", "unhealthy Target.FailedHealthChecks");

    elb.deregisterTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.11.8").port(8080)));
    assertThat(states()).containsEntry("10.0.11.8", "draining Target.DeregistrationInProgress");
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !states().containsKey("10.0.11.8"));

    health.unhealthy("10.0.11.9", false);
    assertThat(states()).containsOnly(Map.entry("10.0.11.9", "healthy"));

    var history = health.history(tg).targets();
    assertThat(history).hasSize(2);
    var drained = history.get(0);
    assertThat(drained.id()).isEqualTo("10.0.11.8");
    assertThat(drained.healthyAt() - drained.registeredAt()).isBetween(5_900L, 6_100L);
    assertThat(drained.drainedAt() - drained.deregisteredAt()).isBetween(3_900L, 4_100L);
    assertThat(drained.reregisteredWhileDraining()).isFalse();
    assertThat(history.get(1).healthyAt()).isGreaterThan(drained.drainedAt());
  }

  @Test
  void aTargetRegisteredAgainWhileDrainingStartsOverAndTheHistorySaysSo(
      TargetHealthControl health) {
    health.timeScale(0.05);
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.11.8").port(8080)));
    await().atMost(Duration.ofSeconds(10)).until(() -> states().get("10.0.11.8").equals("healthy"));
    elb.deregisterTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.11.8").port(8080)));
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.11.8").port(8080)));

    assertThat(states()).containsOnly(Map.entry("10.0.11.8", "initial Elb.RegistrationInProgress"));
    var history = health.history(tg).targets();
    assertThat(history).hasSize(2);
    assertThat(history.get(1).reregisteredWhileDraining()).isTrue();
  }

  @Test
  void withoutATimeScaleTargetsAreHealthyAtOnceAndLeaveAtOnceAsMotoAlwaysAnswered() {
    elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.11.8").port(8080)));
    assertThat(states()).containsOnly(Map.entry("10.0.11.8", "healthy"));

    elb.deregisterTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.0.11.8").port(8080)));
    assertThat(states()).isEmpty();
  }
}
