package io.lbc.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The reference controller's webhook metrics: {@code awslbc_webhook_validation_failure_total} and
 * {@code awslbc_webhook_mutation_failure_total} by {@code webhook_name} (the path) and {@code
 * error_category} (the failed check), and controller-runtime's {@code
 * controller_runtime_webhook_latency_seconds} and {@code
 * controller_runtime_webhook_requests_total}.
 */
public final class WebhookMetrics {
  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void failure(AdmissionHandler handler, String check) {
    String name =
        handler.kind() == AdmissionHandler.Kind.MUTATING
            ? "awslbc.webhook.mutation.failure"
            : "awslbc.webhook.validation.failure";
    Counter.builder(name)
        .description("Admission requests a webhook refused or failed, by the check that did")
        .tag("webhook_name", handler.path())
        .tag("error_category", check)
        .register(registry)
        .increment();
  }

  void request(String path, int httpCode, Duration elapsed) {
    Timer.builder("controller.runtime.webhook.latency")
        .description("Time to answer an admission request")
        .tag("webhook", path)
        .publishPercentileHistogram()
        .register(registry)
        .record(elapsed);
    Counter.builder("controller.runtime.webhook.requests")
        .description("Admission requests by HTTP status code")
        .tag("webhook", path)
        .tag("code", String.valueOf(httpCode))
        .register(registry)
        .increment();
  }
}
