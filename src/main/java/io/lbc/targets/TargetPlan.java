package io.lbc.targets;

import io.lbc.aws.elbv2.Target;
import io.lbc.aws.elbv2.TargetHealth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What to change in a target group: the diff between the targets the cluster offers and the targets
 * registered (draining ones ignored), with the fail-safe applied.
 *
 * @param register new targets, in the order the cluster listed them
 * @param deregister targets to remove, terminating endpoints first
 * @param desired the targets that should be registered once the plan is applied
 * @param keptByFailSafe registered targets kept although not ready, because nothing else was
 */
record TargetPlan(
    List<DesiredTarget> register,
    List<Target> deregister,
    Set<TargetKey> desired,
    List<TargetKey> keptByFailSafe) {

  static final String DRAINING = "draining";

  boolean changes() {
    return !register.isEmpty() || !deregister.isEmpty();
  }

  /**
   * @param mayDeregister which registered targets this binding may remove (all of them, unless the
   *     target group is shared between clusters)
   */
  static TargetPlan compute(
      ResolvedTargets resolved, List<TargetHealth> registered, Predicate<TargetKey> mayDeregister) {
    return compute(resolved, registered, mayDeregister, true);
  }

  /**
   * @param failOpen the {@code EndpointsFailOpen} gate: without it, targets that are not ready are
   *     deregistered even when nothing else is left
   */
  static TargetPlan compute(
      ResolvedTargets resolved,
      List<TargetHealth> registered,
      Predicate<TargetKey> mayDeregister,
      boolean failOpen) {
    Map<TargetKey, Target> active = new LinkedHashMap<>();
    for (TargetHealth health : registered) {
      if (!DRAINING.equals(health.state())) {
        active.put(TargetKey.of(health.target()), health.target());
      }
    }
    Set<TargetKey> desired = new LinkedHashSet<>();
    resolved.ready().forEach(t -> desired.add(t.key()));

    List<TargetKey> kept = new ArrayList<>();
    if (failOpen && desired.isEmpty()) {
      // Every probe failing at once is far more often a shared dependency than every pod being
      // broken; the load balancer fails open only if the targets stay registered.
      resolved.notReady().stream()
          .map(DesiredTarget::key)
          .filter(active::containsKey)
          .forEach(kept::add);
      desired.addAll(kept);
    }

    List<DesiredTarget> register =
        resolved.ready().stream().filter(t -> !active.containsKey(t.key())).toList();
    Set<TargetKey> terminating = new LinkedHashSet<>();
    resolved.terminating().forEach(t -> terminating.add(t.key()));
    List<Target> deregister =
        active.entrySet().stream()
            .filter(e -> !desired.contains(e.getKey()) && mayDeregister.test(e.getKey()))
            .sorted(Comparator.comparing(e -> !terminating.contains(e.getKey())))
            .map(Map.Entry::getValue)
            .toList();
    return new TargetPlan(register, deregister, desired, kept);
  }

  /**
   * {@code --max-targets-per-target-group} as the reference applies it: with a limit, only as many
   * new targets are registered as fit beside the ones registered now (draining ones not counted);
   * the rest wait for room. 0 means no limit.
   *
   * @param registeredNow the active (not draining) targets of the group before this plan
   */
  TargetPlan limitRegistrations(int maxTargets, int registeredNow) {
    if (maxTargets == 0 || register.size() + registeredNow <= maxTargets) {
      return this;
    }
    int room = Math.max(0, maxTargets - registeredNow);
    return new TargetPlan(register.subList(0, room), deregister, desired, keptByFailSafe);
  }

  /** The plan without any registration: its deregistrations still go ahead. */
  TargetPlan withoutRegistrations() {
    return new TargetPlan(List.of(), deregister, desired, keptByFailSafe);
  }

  /**
   * The plan without the registrations of targets that have no QUIC server ID (a QUIC target group
   * refuses them), each passed to {@code dropped}.
   */
  TargetPlan withoutTargetsMissingServerIds(Consumer<DesiredTarget> dropped) {
    List<DesiredTarget> kept = new ArrayList<>();
    for (DesiredTarget target : register) {
      if (target.target().quicServerId() == null) {
        dropped.accept(target);
      } else {
        kept.add(target);
      }
    }
    return kept.size() == register.size()
        ? this
        : new TargetPlan(List.copyOf(kept), deregister, desired, keptByFailSafe);
  }

  /** The targets of the group that are not draining. */
  static int active(List<TargetHealth> registered) {
    return (int) registered.stream().filter(h -> !DRAINING.equals(h.state())).count();
  }
}
