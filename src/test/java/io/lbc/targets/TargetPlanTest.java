package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.elbv2.Target;
import io.lbc.aws.elbv2.TargetHealth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetPlanTest {
  private static DesiredTarget ip(String ip) {
    return new DesiredTarget(Target.of(ip, 8080), null, null);
  }

  private static TargetHealth registered(String ip, String state) {
    return new TargetHealth(Target.of(ip, 8080), state, null, null);
  }

  @Test
  void registersWhatIsMissingAndDeregistersWhatIsGone() {
    var resolved =
        new ResolvedTargets(List.of(ip("10.0.0.1"), ip("10.0.0.2")), List.of(), List.of());
    var plan =
        TargetPlan.compute(
            resolved,
            List.of(registered("10.0.0.2", "healthy"), registered("10.0.0.9", "healthy")),
            k -> true);

    assertThat(plan.register()).extracting(t -> t.target().id()).containsExactly("10.0.0.1");
    assertThat(plan.deregister()).extracting(Target::id).containsExactly("10.0.0.9");
    assertThat(plan.desired())
        .containsExactlyInAnyOrder(
            new TargetKey("10.0.0.1", 8080), new TargetKey("10.0.0.2", 8080));
    assertThat(plan.keptByFailSafe()).isEmpty();
  }

  @Test
  void ignoresDrainingTargetsButRegistersAgainAnEndpointThatCameBack() {
    var resolved = new ResolvedTargets(List.of(ip("10.0.0.1")), List.of(), List.of());
    var plan =
        TargetPlan.compute(
            resolved,
            List.of(registered("10.0.0.1", "draining"), registered("10.0.0.5", "draining")),
            k -> true);

    assertThat(plan.register()).extracting(t -> t.target().id()).containsExactly("10.0.0.1");
    assertThat(plan.deregister()).isEmpty();
  }

  @Test
  void deregistersTerminatingEndpointsFirst() {
    var resolved = new ResolvedTargets(List.of(ip("10.0.0.1")), List.of(), List.of(ip("10.0.0.3")));
    var plan =
        TargetPlan.compute(
            resolved,
            List.of(
                registered("10.0.0.2", "healthy"),
                registered("10.0.0.3", "healthy"),
                registered("10.0.0.1", "healthy")),
            k -> true);

    assertThat(plan.deregister()).extracting(Target::id).containsExactly("10.0.0.3", "10.0.0.2");
  }

  @Test
  void keepsTheRegisteredTargetsWhenEveryEndpointFailsItsProbeAtOnce() {
    var resolved =
        new ResolvedTargets(
            List.of(),
            List.of(ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.7")),
            List.of(ip("10.0.0.3")));
    var plan =
        TargetPlan.compute(
            resolved,
            List.of(
                registered("10.0.0.1", "unhealthy"),
                registered("10.0.0.2", "unhealthy"),
                registered("10.0.0.3", "healthy")),
            k -> true);

    assertThat(plan.keptByFailSafe())
        .containsExactly(new TargetKey("10.0.0.1", 8080), new TargetKey("10.0.0.2", 8080));
    assertThat(plan.deregister()).extracting(Target::id).containsExactly("10.0.0.3");
    assertThat(plan.register()).isEmpty();
  }

  @Test
  void withoutTheEndpointsFailOpenGateEveryTargetThatIsNotReadyIsDeregistered() {
    var resolved =
        new ResolvedTargets(List.of(), List.of(ip("10.0.0.1"), ip("10.0.0.2")), List.of());
    var plan =
        TargetPlan.compute(
            resolved,
            List.of(registered("10.0.0.1", "unhealthy"), registered("10.0.0.2", "unhealthy")),
            k -> true,
            false);

    assertThat(plan.keptByFailSafe()).isEmpty();
    assertThat(plan.deregister()).extracting(Target::id).containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void deregistersEverythingWhenTheServiceReallyHasNoEndpoints() {
    var plan =
        TargetPlan.compute(
            ResolvedTargets.empty(),
            List.of(registered("10.0.0.1", "healthy"), registered("10.0.0.2", "healthy")),
            k -> true);

    assertThat(plan.keptByFailSafe()).isEmpty();
    assertThat(plan.deregister()).hasSize(2);
  }

  @Test
  void deregistersOnlyTargetsTheBindingMayRemove() {
    Set<TargetKey> ours = Set.of(new TargetKey("10.0.0.1", 8080));
    var plan =
        TargetPlan.compute(
            ResolvedTargets.empty(),
            List.of(registered("10.0.0.1", "healthy"), registered("192.168.0.1", "healthy")),
            ours::contains);

    assertThat(plan.deregister()).extracting(Target::id).containsExactly("10.0.0.1");
  }

  @Test
  void maxTargetsPerTargetGroupRegistersOnlyWhatFitsBesideTheActiveTargets() {
    var resolved =
        new ResolvedTargets(
            List.of(ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.3"), ip("10.0.0.4")),
            List.of(),
            List.of());
    List<TargetHealth> health =
        List.of(registered("10.0.0.1", "healthy"), registered("10.0.0.8", "draining"));
    var plan = TargetPlan.compute(resolved, health, k -> true);

    // one active target (the draining one does not count): room for two more under a limit of 3
    assertThat(plan.limitRegistrations(3, TargetPlan.active(health)).register())
        .extracting(t -> t.target().id())
        .containsExactly("10.0.0.2", "10.0.0.3");
    assertThat(plan.limitRegistrations(0, 1)).isSameAs(plan); // 0: no limit
    assertThat(plan.limitRegistrations(10, 1)).isSameAs(plan);
    assertThat(plan.limitRegistrations(1, 5).register()).isEmpty(); // already over: none
  }
}
