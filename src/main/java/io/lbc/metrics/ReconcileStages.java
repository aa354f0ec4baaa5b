package io.lbc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The reference's per-stage reconcile metrics: {@code
 * awslbc_controller_reconcile_stage_duration{controller,reconcile_stage}} (a histogram with
 * Prometheus' default buckets, as the reference's) and {@code
 * awslbc_controller_reconcile_errors_total{controller,error_category}}.
 *
 * <p>As in the reference, a failure counts under the category of every timed stage it leaves: a
 * synthesizer that fails inside {@code deploy_model} counts once as the synthesizer (e.g. {@code
 * *elbv2.listenerSynthesizer}) and once as {@code deploy_model_error}. An expected wait (the
 * reference's {@code RequeueNeeded}, our retry-later) is not an error and is not counted.
 */
public final class ReconcileStages {
  /** Prometheus' default buckets ({@code prometheus.DefBuckets}), the reference's. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final MeterRegistry registry;
  private final Predicate<RuntimeException> expectedWait;
  private final Map<String, DistributionSummary> durations = new ConcurrentHashMap<>();

  /**
   * @param expectedWait which failures only ask to look again later (not counted as errors)
   */
  public ReconcileStages(MeterRegistry registry, Predicate<RuntimeException> expectedWait) {
    this.registry = registry;
    this.expectedWait = expectedWait;
  }

  /** Records nothing (plan, gc, tests). */
  public static ReconcileStages off() {
    return new ReconcileStages(new CompositeMeterRegistry(), e -> false);
  }

  /** Runs one stage, timing it; a failure is counted under the stage's category and rethrown. */
  public <T> T time(String controller, ReconcileStage stage, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (!expectedWait.test(e)) {
        failed(controller, stage.errorCategory());
      }
      throw e;
    } finally {
      duration(controller, stage.name()).record((System.nanoTime() - started) / 1e9);
    }
  }

  public void run(String controller, ReconcileStage stage, Runnable work) {
    time(
        controller,
        stage,
        () -> {
          work.run();
          return null;
        });
  }

  /** Counts a failure the reconcile handled without throwing (e.g. a member left out). */
  public void failed(String controller, String errorCategory) {
    Counter.builder("awslbc.controller.reconcile.errors")
        .description("Counts the number of reconcile error, categorized by error type.")
        .tag("controller", controller)
        .tag("error_category", errorCategory)
        .register(registry)
        .increment();
  }

  /**
   * In seconds, as a summary: a Micrometer timer would add {@code _seconds} to the reference's
   * name.
   */
  private DistributionSummary duration(String controller, String stage) {
    return durations.computeIfAbsent(
        controller + '\n' + stage,
        key ->
            DistributionSummary.builder("awslbc.controller.reconcile.stage.duration")
                .description("latencies of different reconcile stages.")
                .tag("controller", controller)
                .tag("reconcile_stage", stage)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
  }
}
