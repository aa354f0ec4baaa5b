package io.lbc.fake;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS service errors as the SDK raises them, for fakes. */
public final class AwsFaults {
  private AwsFaults() {}

  public static AwsServiceException error(int status, String code, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }
}
