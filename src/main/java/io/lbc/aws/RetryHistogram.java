package io.lbc.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * {@code aws_api_call_retries{service,operation}}: a histogram of the retries of each AWS call with
 * the reference's buckets 0, 1, … 10. Micrometer refuses a bucket at 0, so this one is a Prometheus
 * histogram registered straight into the Prometheus registry behind Micrometer's (one per
 * registry); with no Prometheus registry (e.g. {@code plan}) nothing is recorded.
 */
final class RetryHistogram {
  private static final double[] BUCKETS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  private static final Map<PrometheusRegistry, Histogram> BY_REGISTRY = new WeakHashMap<>();

  private final Optional<Histogram> histogram;

  private RetryHistogram(Optional<Histogram> histogram) {
    this.histogram = histogram;
  }

  static RetryHistogram of(MeterRegistry registry) {
    return new RetryHistogram(prometheus(registry).map(RetryHistogram::histogramIn));
  }

  void observe(String service, String operation, int retries) {
    histogram.ifPresent(h -> h.labelValues(service, operation).observe(retries));
  }

  private static synchronized Histogram histogramIn(PrometheusRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(
        registry,
        r ->
            Histogram.builder()
                .name("aws_api_call_retries")
                .help("Number of times the SDK retried requests to AWS services for SDK API calls")
                .labelNames("service", "operation")
                .classicUpperBounds(BUCKETS)
                .classicOnly()
                .withoutExemplars()
                .register(r));
  }

  private static Optional<PrometheusRegistry> prometheus(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      return Optional.of(prometheus.getPrometheusRegistry());
    }
    if (registry instanceof CompositeMeterRegistry composite) {
      return composite.getRegistries().stream()
          .map(RetryHistogram::prometheus)
          .flatMap(Optional::stream)
          .findFirst();
    }
    return Optional.empty();
  }
}
