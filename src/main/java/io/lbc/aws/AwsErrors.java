package io.lbc.aws;

import java.util.Set;
import java.util.function.Supplier;
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

  /** The resource named in the call does not exist (any more). */
  private static final Set<String> NOT_FOUND =
      Set.of(
          // ELBv2
          "LoadBalancerNotFound",
          "TargetGroupNotFound",
          "ListenerNotFound",
          "RuleNotFound",
          "CertificateNotFound",
          "TrustStoreNotFound",
          // EC2
          "InvalidGroup.NotFound",
          "InvalidSubnetID.NotFound",
          "InvalidInstanceID.NotFound",
          "InvalidVpcID.NotFound",
          "InvalidNetworkInterfaceID.NotFound",
          "InvalidRouteTableID.NotFound",
          "InvalidAllocationID.NotFound",
          // ACM, WAFv2, Shield, tagging
          "ResourceNotFoundException",
          "WAFNonexistentItemException");

  /** What we tried to create exists already. */
  private static final Set<String> DUPLICATE =
      Set.of(
          "DuplicateListener",
          "DuplicateTargetGroupName",
          "DuplicateLoadBalancerName",
          "InvalidGroup.Duplicate",
          "InvalidPermission.Duplicate");

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
    return isThrottlingCode(errorCode(error));
  }

  /** The failure or one of its causes is AWS throttling. */
  public static boolean isThrottlingCause(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (isThrottling(e)) {
        return true;
      }
    }
    return false;
  }

  public static boolean isThrottlingCode(String errorCode) {
    return THROTTLING.contains(errorCode);
  }

  /** The resource the call named does not exist: a lookup finds nothing, a delete is done. */
  public static boolean isNotFound(Throwable error) {
    return NOT_FOUND.contains(errorCode(error));
  }

  /** Something still refers to the resource (e.g. a security group referenced by another). */
  public static boolean isDependencyViolation(Throwable error) {
    return hasCode(error, "DependencyViolation");
  }

  /** ELBv2 refuses to delete a target group or load balancer that is still in use. */
  public static boolean isResourceInUse(Throwable error) {
    return hasCode(error, "ResourceInUse");
  }

  /** The listener, target group, load balancer, security group or rule exists already. */
  public static boolean isDuplicate(Throwable error) {
    return DUPLICATE.contains(errorCode(error));
  }

  /** Revoking a security group rule that is not there. */
  public static boolean isPermissionNotFound(Throwable error) {
    return hasCode(error, "InvalidPermission.NotFound");
  }

  /**
   * The call's result, or {@code whenNotFound} when AWS says the resource it names does not exist;
   * every other failure propagates.
   */
  public static <T> T unlessNotFound(Supplier<T> call, T whenNotFound) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return whenNotFound;
      }
      throw e;
    }
  }
}
