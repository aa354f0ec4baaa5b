package io.lbc.aws;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The client-side rate limits of {@code --aws-api-throttle}: one Bucket4j token bucket per rule,
 * shared by every controller in the process (the clients are built once). Each attempt of a call,
 * retries included, waits for a token of every rule that matches it before it is sent: retries of a
 * throttled call spend the budget too, so a throttled account is not hammered.
 *
 * <p>Waiting callers are served by {@link CallPriority}: a high-priority call (a user's change)
 * reserves the next token of the bucket (Bucket4j's blocking consume); a low-priority one (resyncs,
 * start-up backlog, orphan sweep) only takes a token that is free while no high-priority call waits
 * for that bucket, and otherwise sleeps until the bucket's estimated refill and looks again. So low
 * priority never goes ahead of a waiting user change, and proceeds whenever none waits.
 */
public final class ApiThrottler {
  /** The shortest sleep of a low-priority call that found no free token. */
  static final long MIN_POLL_NANOS = 1_000_000;

  /**
   * The longest: a low-priority caller looks again this often, so one whose work is raised while it
   * waits queues as a high-priority one soon, not at the next token.
   */
  static final long MAX_POLL_NANOS = 100_000_000;

  private final ApiThrottleConfig config;
  private final Map<ApiThrottleConfig.Rule, PrioritizedBucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, List<PrioritizedBucket>> byOperation = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  public ApiThrottler(ApiThrottleConfig config, MeterRegistry registry) {
    this(config, registry, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
  }

  /** With the clock the buckets refill by and the way callers sleep (tests drive both). */
  ApiThrottler(
      ApiThrottleConfig config, MeterRegistry registry, TimeMeter time, BlockingStrategy sleep) {
    this.config = config;
    this.registry = registry;
    config.rules().values().stream()
        .flatMap(List::stream)
        .forEach(rule -> buckets.put(rule, new PrioritizedBucket(bucket(rule, time), sleep)));
  }

  /**
   * A token bucket holding {@code burst} tokens, refilled continuously at {@code rate} a second.
   */
  static Bucket bucket(ApiThrottleConfig.Rule rule) {
    return bucket(rule, TimeMeter.SYSTEM_NANOTIME);
  }

  private static Bucket bucket(ApiThrottleConfig.Rule rule, TimeMeter time) {
    long nanosPerToken = Math.max(1, Math.round(1_000_000_000d / rule.rate()));
    return Bucket.builder()
        .withCustomTimePrecision(time)
        .addLimit(
            Bandwidth.builder()
                .capacity(rule.burst())
                .refillGreedy(1, Duration.ofNanos(nanosPerToken))
                .build())
        .build();
  }

  /** One rule's bucket, with how many high-priority callers wait for it. */
  private record PrioritizedBucket(
      Bucket bucket, BlockingStrategy sleep, AtomicInteger highWaiting) {
    PrioritizedBucket(Bucket bucket, BlockingStrategy sleep) {
      this(bucket, sleep, new AtomicInteger());
    }

    /**
     * Takes a token at the work's priority, read again after each sleep: a low-priority caller
     * whose work is {@link CallPriority.Scope#raise raised} while it waits goes high.
     */
    void take(Supplier<CallPriority> priority) throws InterruptedException {
      while (priority.get() == CallPriority.LOW) {
        if (highWaiting.get() == 0 && bucket.tryConsume(1)) {
          return;
        }
        long refill = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        sleep.park(Math.min(MAX_POLL_NANOS, Math.max(MIN_POLL_NANOS, refill)));
      }
      highWaiting.incrementAndGet();
      try {
        bucket.asBlocking().consume(1, sleep); // reserves the next token, ahead of low ones
      } finally {
        highWaiting.decrementAndGet();
      }
    }
  }

  /**
   * Blocks until every bucket of the operation has a token for one more attempt, served by the
   * thread's {@link CallPriority}.
   */
  public void acquire(String serviceId, String operation) {
    acquire(serviceId, operation, CallPriority::current);
  }

  void acquire(String serviceId, String operation, CallPriority priority) {
    acquire(serviceId, operation, () -> priority);
  }

  private void acquire(String serviceId, String operation, Supplier<CallPriority> priority) {
    List<PrioritizedBucket> matching =
        byOperation.computeIfAbsent(
            serviceId + "\0" + operation,
            key -> config.rulesFor(serviceId, operation).stream().map(buckets::get).toList());
    if (matching.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    try {
      for (PrioritizedBucket bucket : matching) {
        bucket.take(priority);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the AWS API rate limit", e);
    }
    long waited = System.nanoTime() - started;
    if (waited > 1_000_000) {
      Timer.builder("awslbc.aws.api.throttle.wait")
          .description("Time AWS calls waited for the client-side rate limit")
          .tag("service", serviceId)
          .tag("operation", operation)
          .tag("priority", priority.get().name().toLowerCase(java.util.Locale.ROOT))
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
