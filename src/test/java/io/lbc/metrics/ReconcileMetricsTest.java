package io.lbc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ReconcileMetrics metrics = new ReconcileMetrics(registry);
  private final Map<String, Object> service = Map.of(Constants.CONTROLLER_NAME, "service");

  @Test
  void anEventForAResourceAlreadyWaitingIsMergedAndTakingItEmptiesTheQueue() {
    var web =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("a")
            .withName("web")
            .endMetadata()
            .build();
    var db = new ResourceID("db", "a");

    metrics.receivedEvent(new Event(ResourceID.fromResource(web)), service);
    metrics.receivedEvent(new Event(ResourceID.fromResource(web)), service);
    metrics.receivedEvent(new Event(db), service);

    assertThat(depth()).isEqualTo(2);
    assertThat(adds()).isEqualTo(2);

    metrics.reconciliationExecutionStarted(web, service);
    metrics.cleanupDoneFor(db, service);
    assertThat(depth()).isZero();
    assertThat(adds()).isEqualTo(2);
  }

  @Test
  void countsResultsErrorsAndTimesEveryReconcile() throws Exception {
    metrics.timeControllerExecution(execution(() -> UpdateControl.noUpdate()));
    metrics.timeControllerExecution(
        execution(() -> UpdateControl.noUpdate().rescheduleAfter(Duration.ofSeconds(5))));
    assertThatThrownBy(
            () ->
                metrics.timeControllerExecution(
                    execution(
                        () -> {
                          throw new IllegalStateException("boom");
                        })))
        .hasMessage("boom");

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "controller_runtime_reconcile_total{controller=\"service\",result=\"success\"} 1.0")
        .contains(
            "controller_runtime_reconcile_total{controller=\"service\",result=\"requeue_after\"} 1.0")
        .contains("controller_runtime_reconcile_total{controller=\"service\",result=\"error\"} 1.0")
        .contains("controller_runtime_reconcile_errors_total{controller=\"service\"} 1.0")
        .contains("controller_runtime_reconcile_time_seconds_count{controller=\"service\"} 3")
        .contains(
            "controller_runtime_reconcile_time_seconds_bucket{controller=\"service\",le=\"60.0\"} 3");
  }

  private double depth() {
    return registry.get("workqueue.depth").tag("controller", "service").gauge().value();
  }

  private double adds() {
    return registry.get("workqueue.adds").tag("name", "service").counter().count();
  }

  private interface Body<T> {
    T run() throws Exception;
  }

  private static <T> Metrics.ControllerExecution<T> execution(Body<T> body) {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "service";
      }

      @Override
      public String successTypeName(T result) {
        return "resource";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("web", "a");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public T execute() throws Exception {
        return body.run();
      }
    };
  }
}
