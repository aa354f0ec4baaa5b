package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.metrics.ControllerMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The webhook metrics come out under the reference controller's Prometheus names. */
class WebhookMetricsTest {
  static AdmissionHandler handler(String path, AdmissionHandler.Kind kind) {
    return new AdmissionHandler() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public Kind kind() {
        return kind;
      }

      @Override
      public Decision admit(AdmissionRequest request) {
        return Decision.allow();
      }
    };
  }

  @Test
  void failuresAndLatencyUseTheReferenceNames() {
    var metrics = new ControllerMetrics();
    var webhook = new WebhookMetrics(metrics.registry());

    webhook.failure(handler("/validate-x", AdmissionHandler.Kind.VALIDATING), "checkNodeSelector");
    webhook.failure(handler("/mutate-x", AdmissionHandler.Kind.MUTATING), "defaultingTargetType");
    webhook.request("/validate-x", 200, Duration.ofMillis(12));

    String scrape = metrics.scrape();
    assertThat(scrape)
        .contains(
            "awslbc_webhook_validation_failure_total{error_category=\"checkNodeSelector\",webhook_name=\"/validate-x\"} 1.0")
        .contains(
            "awslbc_webhook_mutation_failure_total{error_category=\"defaultingTargetType\",webhook_name=\"/mutate-x\"} 1.0")
        .contains(
            "controller_runtime_webhook_requests_total{code=\"200\",webhook=\"/validate-x\"} 1.0")
        .contains("controller_runtime_webhook_latency_seconds_count{webhook=\"/validate-x\"} 1");
  }
}
