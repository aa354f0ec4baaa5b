package io.lbc.targets;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link TargetPlan}: deregisters first (terminating endpoints lead), then registers. The
 * ELBv2 port splits each list into as few calls as the API allows.
 */
final class TargetRegistrar {
  private static final Logger log = LoggerFactory.getLogger(TargetRegistrar.class);

  private final Elbv2 elbv2;
  private final TargetMetrics metrics;
  private final Clock clock;

  TargetRegistrar(Elbv2 elbv2, TargetMetrics metrics, Clock clock) {
    this.elbv2 = elbv2;
    this.metrics = metrics;
    this.clock = clock;
  }

  void apply(BindingKey binding, String targetGroupArn, TargetPlan plan) {
    deregister(binding, targetGroupArn, plan.deregister());
    register(binding, targetGroupArn, plan.register());
  }

  void deregister(BindingKey binding, String targetGroupArn, List<Target> targets) {
    if (targets.isEmpty()) {
      return;
    }
    log.info(
        "deregistering targets binding={} targetGroup={} count={}",
        binding,
        targetGroupArn,
        targets.size());
    int calls = elbv2.deregisterTargets(targetGroupArn, targets);
    metrics.deregistered(binding, targets.size(), calls);
    log.info(
        "deregistered targets binding={} targetGroup={} count={} calls={}",
        binding,
        targetGroupArn,
        targets.size(),
        calls);
  }

  private void register(BindingKey binding, String targetGroupArn, List<DesiredTarget> targets) {
    if (targets.isEmpty()) {
      return;
    }
    log.info(
        "registering targets binding={} targetGroup={} count={}",
        binding,
        targetGroupArn,
        targets.size());
    Instant sent = clock.instant();
    int calls =
        elbv2.registerTargets(targetGroupArn, targets.stream().map(DesiredTarget::target).toList());
    metrics.registered(binding, targets.size(), calls);
    for (DesiredTarget target : targets) {
      if (target.readySince() != null) {
        metrics.registrationLatency(Duration.between(target.readySince(), sent));
      }
    }
    log.info(
        "registered targets binding={} targetGroup={} count={} calls={}",
        binding,
        targetGroupArn,
        targets.size(),
        calls);
  }
}
