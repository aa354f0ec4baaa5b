package io.lbc.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** The one place that classifies AWS failures by their error code. */
public final class AwsErrors {
  private static final Set<String> THROTTLING =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestThrottledException",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "SlowDown",
          "PriorRequestNotComplete");

  private AwsErrors() {}

  /** The HTTP status and AWS error code of a failed call; status 0 when nothing came back. */
  public record Failure(String statusCode, String errorCode) {}

  public static Failure describe(Throwable error) {
    if (error instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
              ? service.awsErrorDetails().errorCode()
              : "";
      return new Failure(String.valueOf(service.statusCode()), code);
    }
    if (error instanceof SdkServiceException service) {
      return new Failure(String.valueOf(service.statusCode()), "");
    }
    return new Failure("0", error.getClass().getSimpleName());
  }

  /** The AWS error code of a failure, or empty when it is not an AWS service error. */
  public static String errorCode(Throwable error) {
    return error instanceof AwsServiceException ? describe(error).errorCode() : "";
  }

  public static boolean hasCode(Throwable error, String... codes) {
    String code = errorCode(error);
    for (String candidate : codes) {
      if (candidate.equals(code)) {
        return true;
      }
    }
    return false;
  }

  public static boolean isThrottling(Throwable error) {
    return THROTTLING.contains(errorCode(error));
  }
}
