package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The names dashboards match on, as Prometheus scrapes them. */
class TargetMetricsTest {
  @Test
  void scrapesUnderTheReferenceStyleNames() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics = new TargetMetrics(registry);
    var binding = new BindingKey("shop", "web");

    metrics.registered(binding, 1000, 5);
    metrics.deregistered(binding, 2, 1);
    metrics.registrationLatency(Duration.ofMillis(300));
    metrics.readinessGateReady(binding, Duration.ofSeconds(4));
    metrics.failSafeEngaged(binding);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("awslbc_target_register_calls_total{namespace=\"shop\",tgb=\"web\"} 5.0")
        .contains("awslbc_targets_registered_total{namespace=\"shop\",tgb=\"web\"} 1000.0")
        .contains("awslbc_target_deregister_calls_total{namespace=\"shop\",tgb=\"web\"} 1.0")
        .contains("awslbc_targets_deregistered_total{namespace=\"shop\",tgb=\"web\"} 2.0")
        .contains("awslbc_target_registration_latency_seconds_bucket{le=\"0.5\"} 1")
        .contains(
            "awslbc_readiness_gate_ready_seconds_bucket{name=\"web\",namespace=\"shop\",le=\"5.0\"} 1")
        .contains("awslbc_target_failsafe_engaged_total{namespace=\"shop\",tgb=\"web\"} 1.0");
  }
}
