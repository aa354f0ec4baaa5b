package io.lbc.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Predicate;

/**
 * The controller's one meter registry. Meter names follow Micrometer's dotted style and come out in
 * Prometheus form, e.g. {@code aws.api.calls} is scraped as {@code aws_api_calls_total}, the name
 * the reference controller uses.
 */
public final class ControllerMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ReconcileStages stages;
  private final TopTalkers topTalkers = new TopTalkers(registry);
  private final CacheObjectCounts cacheObjects = new CacheObjectCounts(registry);
  private final TargetGroupInfo targetGroupInfo = new TargetGroupInfo(registry);

  public ControllerMetrics() {
    this(e -> false);
  }

  /**
   * @param expectedWait the failures that only ask to reconcile again later, which the reference's
   *     error metrics do not count
   */
  public ControllerMetrics(Predicate<RuntimeException> expectedWait) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.stages = new ReconcileStages(registry, expectedWait);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** {@code awslbc_controller_reconcile_stage_duration} and {@code …_reconcile_errors_total}. */
  public ReconcileStages stages() {
    return stages;
  }

  /** {@code awslbc_controller_top_talkers}. */
  public TopTalkers topTalkers() {
    return topTalkers;
  }

  /** {@code awslbc_controller_cache_object_total}. */
  public CacheObjectCounts cacheObjects() {
    return cacheObjects;
  }

  /** {@code aws_target_group_info}. */
  public TargetGroupInfo targetGroupInfo() {
    return targetGroupInfo;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
