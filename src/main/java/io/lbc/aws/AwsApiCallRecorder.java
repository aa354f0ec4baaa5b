package io.lbc.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call as {@code aws_api_calls_total{service,operation,status_code,error_code}},
 * times it as {@code aws_api_call_duration_seconds}, counts its retries in the histogram {@code
 * aws_api_call_retries} (buckets 0 … 10), and counts and times each HTTP attempt as {@code
 * aws_api_requests_total} and {@code aws_api_request_duration_seconds}: the reference controller's
 * names, so its dashboards work unchanged.
 *
 * <p>This is an execution interceptor rather than an SDK {@code MetricPublisher} because the SDK's
 * metric collections carry no AWS error code, and the error code is a label.
 */
final class AwsApiCallRecorder implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> STARTED_AT =
      new ExecutionAttribute<>("lbc.aws.startedAt");
  private static final ExecutionAttribute<Integer> ATTEMPTS =
      new ExecutionAttribute<>("lbc.aws.attempts");
  private static final ExecutionAttribute<Long> ATTEMPT_STARTED_AT =
      new ExecutionAttribute<>("lbc.aws.attemptStartedAt");

  /** The reference's buckets for the call duration: Prometheus' defaults, 5 ms to 10 s. */
  static final Duration[] DURATION_BUCKETS =
      java.util.stream.DoubleStream.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9)))
          .toArray(Duration[]::new);

  private final AwsService service;
  private final MeterRegistry registry;
  private final RetryHistogram retries;

  AwsApiCallRecorder(AwsService service, MeterRegistry registry) {
    this.service = service;
    this.registry = registry;
    this.retries = RetryHistogram.of(registry);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED_AT, System.nanoTime());
    attributes.putAttribute(ATTEMPTS, 0);
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.putAttribute(ATTEMPTS, attributes.getAttribute(ATTEMPTS) + 1);
    attributes.putAttribute(ATTEMPT_STARTED_AT, System.nanoTime());
  }

  /** A successful attempt is counted here; a failed one once its error code is read. */
  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (context.httpResponse().isSuccessful()) {
      recordRequest(attributes, context.httpResponse().statusCode(), "");
    }
  }

  /**
   * A failed attempt's error code is in its body, which the SDK parses only for the last attempt;
   * so the (small) error body is read here, for every attempt, and handed on unchanged.
   */
  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> content = context.responseBody();
    if (context.httpResponse().isSuccessful()) {
      return content;
    }
    byte[] body = content.map(AwsApiCallRecorder::readAll).orElse(new byte[0]);
    String errorCode = AwsErrorBodies.errorCode(context.httpResponse().headers(), body).orElse("");
    recordRequest(attributes, context.httpResponse().statusCode(), errorCode);
    return Optional.of(new ByteArrayInputStream(body));
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void recordRequest(ExecutionAttributes attributes, int statusCode, String errorCode) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Counter.builder("aws.api.requests")
        .description("HTTP requests the SDK sent, one per attempt")
        .tag("service", service.serviceId())
        .tag("operation", operation)
        .tag("status_code", String.valueOf(statusCode))
        .tag("error_code", errorCode)
        .register(registry)
        .increment();
    Long startedAt = attributes.getAttribute(ATTEMPT_STARTED_AT);
    if (startedAt != null) {
      Timer.builder("aws.api.request.duration")
          .description("Duration of one HTTP request to an AWS endpoint")
          .tag("service", service.serviceId())
          .tag("operation", operation)
          .serviceLevelObjectives(DURATION_BUCKETS)
          .register(registry)
          .record(Duration.ofNanos(System.nanoTime() - startedAt));
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes, String.valueOf(context.httpResponse().statusCode()), "");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    AwsErrors.Failure failure = AwsErrors.describe(context.exception());
    record(attributes, failure.statusCode(), failure.errorCode());
  }

  /**
   * The reference's error families, checked in its order: {@code
   * aws_api_call_{permission,service_limit_exceeded,throttled,validation}_errors_total}.
   */
  static Optional<String> errorKind(String statusCode, String errorCode) {
    if (statusCode.equals("401")
        || statusCode.equals("403")
        || errorCode.equals("AccessDeniedException")
        || errorCode.equals("AuthFailure")) {
      return Optional.of("permission");
    }
    if (errorCode.contains("LimitExceeded")) {
      return Optional.of("service_limit_exceeded");
    }
    if (AwsErrors.isThrottlingCode(errorCode)) {
      return Optional.of("throttled");
    }
    if (errorCode.equals("ValidationError")) {
      return Optional.of("validation");
    }
    return Optional.empty();
  }

  private void record(ExecutionAttributes attributes, String statusCode, String errorCode) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Counter.builder("aws.api.calls")
        .description("AWS API calls by service, operation and outcome")
        .tag("service", service.serviceId())
        .tag("operation", operation)
        .tag("status_code", statusCode)
        .tag("error_code", errorCode)
        .register(registry)
        .increment();
    errorKind(statusCode, errorCode)
        .ifPresent(
            kind ->
                Counter.builder("aws.api.call." + kind + ".errors")
                    .description("AWS API calls that failed with a " + kind + " error")
                    .tag("service", service.serviceId())
                    .tag("operation", operation)
                    .tag("status_code", statusCode)
                    .tag("error_code", errorCode)
                    .register(registry)
                    .increment());
    Long startedAt = attributes.getAttribute(STARTED_AT);
    if (startedAt != null) {
      Timer.builder("aws.api.call.duration")
          .description("Duration of AWS API calls, retries included")
          .tag("service", service.serviceId())
          .tag("operation", operation)
          .serviceLevelObjectives(DURATION_BUCKETS)
          .register(registry)
          .record(Duration.ofNanos(System.nanoTime() - startedAt));
    }
    Integer attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null) {
      retries.observe(service.serviceId(), operation, Math.max(0, attempts - 1));
    }
  }
}
