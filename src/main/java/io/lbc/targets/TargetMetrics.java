package io.lbc.targets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The target engine's meters, in the reference controller's style ({@code awslbc_…} once scraped):
 *
 * <ul>
 *   <li>{@code awslbc_target_register_calls_total}, {@code awslbc_targets_registered_total}, {@code
 *       awslbc_target_deregister_calls_total}, {@code awslbc_targets_deregistered_total} (tags
 *       namespace, tgb)
 *   <li>{@code awslbc_target_registration_latency_seconds}: endpoint ready → RegisterTargets sent
 *   <li>{@code awslbc_readiness_gate_ready_seconds}: containers ready → readiness gate True (the
 *       reference's name and tags: namespace, name)
 *   <li>{@code awslbc_target_failsafe_engaged_total}: reconciles that kept targets because every
 *       endpoint was failing at once (tags namespace, tgb)
 *   <li>{@code awslbc_quic_target_missing_server_id_total}: QUIC targets not registered for want of
 *       a server ID (the reference's name; its tags namespace, name)
 * </ul>
 */
public final class TargetMetrics {
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(120),
    Duration.ofSeconds(300),
    Duration.ofSeconds(600)
  };

  private final MeterRegistry registry;
  private final Timer registrationLatency;

  public TargetMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.registrationLatency =
        Timer.builder("awslbc.target.registration.latency")
            .description("Time from an endpoint becoming ready to its RegisterTargets call")
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
  }

  void registered(BindingKey binding, int targets, int calls) {
    counter("awslbc.target.register.calls", "RegisterTargets calls", binding).increment(calls);
    counter("awslbc.targets.registered", "Targets registered", binding).increment(targets);
  }

  void deregistered(BindingKey binding, int targets, int calls) {
    counter("awslbc.target.deregister.calls", "DeregisterTargets calls", binding).increment(calls);
    counter("awslbc.targets.deregistered", "Targets deregistered", binding).increment(targets);
  }

  void registrationLatency(Duration latency) {
    registrationLatency.record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void readinessGateReady(BindingKey binding, Duration latency) {
    Timer.builder("awslbc.readiness.gate.ready")
        .description("Time from a pod's containers being ready to its readiness gate turning True")
        .tag("namespace", binding.namespace())
        .tag("name", binding.name()) // the reference's label for the TargetGroupBinding
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void failSafeEngaged(BindingKey binding) {
    counter(
            "awslbc.target.failsafe.engaged",
            "Reconciles that kept not-ready targets because no endpoint was ready",
            binding)
        .increment();
  }

  void quicTargetMissingServerId(BindingKey binding) {
    Counter.builder("awslbc.quic.target.missing.server.id")
        .description("QUIC targets attempted to be registered without a generated server id")
        .tag("namespace", binding.namespace())
        .tag("name", binding.name()) // the reference's label for the TargetGroupBinding
        .register(registry)
        .increment();
  }

  private Counter counter(String name, String description, BindingKey binding) {
    return Counter.builder(name)
        .description(description)
        .tag("namespace", binding.namespace())
        .tag("tgb", binding.name())
        .register(registry);
  }
}
