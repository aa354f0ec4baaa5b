package io.lbc.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call as {@code aws_api_calls_total{service,operation,status_code,error_code}},
 * times it as {@code aws_api_call_duration_seconds} and counts its retries as {@code
 * aws_api_call_retries}: the reference controller's names, so its dashboards work unchanged.
 *
 * <p>This is an execution interceptor rather than an SDK {@code MetricPublisher} because the SDK's
 * metric collections carry no AWS error code, and the error code is a label.
 */
final class AwsApiCallRecorder implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> STARTED_AT =
      new ExecutionAttribute<>("lbc.aws.startedAt");
  private static final ExecutionAttribute<Integer> ATTEMPTS =
      new ExecutionAttribute<>("lbc.aws.attempts");

  /** The reference's buckets for the call duration: Prometheus' defaults, 5 ms to 10 s. */
  static final Duration[] DURATION_BUCKETS =
      java.util.stream.DoubleStream.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9)))
          .toArray(Duration[]::new);

  private final AwsService service;
  private final MeterRegistry registry;

  AwsApiCallRecorder(AwsService service, MeterRegistry registry) {
    this.service = service;
    this.registry = registry;
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
  static java.util.Optional<String> errorKind(String statusCode, String errorCode) {
    if (statusCode.equals("401")
        || statusCode.equals("403")
        || errorCode.equals("AccessDeniedException")
        || errorCode.equals("AuthFailure")) {
      return java.util.Optional.of("permission");
    }
    if (errorCode.contains("LimitExceeded")) {
      return java.util.Optional.of("service_limit_exceeded");
    }
    if (AwsErrors.isThrottlingCode(errorCode)) {
      return java.util.Optional.of("throttled");
    }
    if (errorCode.equals("ValidationError")) {
      return java.util.Optional.of("validation");
    }
    return java.util.Optional.empty();
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
    if (attempts != null && attempts > 1) {
      DistributionSummary.builder("aws.api.call.retries")
          .description("Retries of AWS API calls")
          .tag("service", service.serviceId())
          .tag("operation", operation)
          .register(registry)
          .record(attempts - 1);
    }
  }
}
