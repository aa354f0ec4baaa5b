package io.lbc.aws;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The client-side rate limits of {@code --aws-api-throttle}: one Bucket4j token bucket per rule,
 * shared by every controller in the process (the clients are built once). Each attempt of a call,
 * retries included, waits for a token of every rule that matches it before it is sent: retries of a
 * throttled call spend the budget too, so a throttled account is not hammered.
 */
public final class ApiThrottler {
  private final ApiThrottleConfig config;
  private final Map<ApiThrottleConfig.Rule, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, List<Bucket>> byOperation = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  public ApiThrottler(ApiThrottleConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    config.rules().values().stream()
        .flatMap(List::stream)
        .forEach(rule -> buckets.put(rule, bucket(rule)));
  }

  /**
   * A token bucket holding {@code burst} tokens, refilled continuously at {@code rate} a second.
   */
  static Bucket bucket(ApiThrottleConfig.Rule rule) {
    long nanosPerToken = Math.max(1, Math.round(1_000_000_000d / rule.rate()));
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(rule.burst())
                .refillGreedy(1, Duration.ofNanos(nanosPerToken))
                .build())
        .build();
  }

  /** Blocks until every bucket of the operation has a token for one more attempt. */
  public void acquire(String serviceId, String operation) {
    List<Bucket> matching =
        byOperation.computeIfAbsent(
            serviceId + "\0" + operation,
            key -> config.rulesFor(serviceId, operation).stream().map(buckets::get).toList());
    if (matching.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    try {
      for (Bucket bucket : matching) {
        bucket.asBlocking().consume(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the AWS API rate limit", e);
    }
    long waited = System.nanoTime() - started;
    if (waited > 1_000_000) {
      Timer.builder("aws.api.throttle.wait")
          .description("Time AWS calls waited for the client-side rate limit")
          .tag("service", serviceId)
          .tag("operation", operation)
          .register(registry)
          .record(Duration.ofNanos(waited));
    }
  }

  /** The SDK hook of one client: acquires before every attempt is transmitted. */
  ExecutionInterceptor interceptor(AwsService service) {
    return new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(
          Context.BeforeTransmission context, ExecutionAttributes attributes) {
        acquire(service.serviceId(), attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    };
  }
}
