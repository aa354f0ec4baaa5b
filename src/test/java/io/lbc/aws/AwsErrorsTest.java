package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
  static AwsServiceException error(String code) {
    return AwsServiceException.builder()
        .statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LoadBalancerNotFound",
        "TargetGroupNotFound",
        "ListenerNotFound",
        "RuleNotFound",
        "InvalidGroup.NotFound",
        "InvalidSubnetID.NotFound",
        "InvalidInstanceID.NotFound",
        "InvalidVpcID.NotFound",
        "ResourceNotFoundException"
      })
  void classifiesNotFoundCodes(String code) {
    assertThat(AwsErrors.isNotFound(error(code))).isTrue();
    assertThat(AwsErrors.isDuplicate(error(code))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DuplicateListener",
        "DuplicateTargetGroupName",
        "DuplicateLoadBalancerName",
        "InvalidGroup.Duplicate",
        "InvalidPermission.Duplicate"
      })
  void classifiesDuplicates(String code) {
    assertThat(AwsErrors.isDuplicate(error(code))).isTrue();
    assertThat(AwsErrors.isNotFound(error(code))).isFalse();
  }

  @Test
  void classifiesTheRemainingFamiliesByTheirOwnCodeOnly() {
    assertThat(AwsErrors.isDependencyViolation(error("DependencyViolation"))).isTrue();
    assertThat(AwsErrors.isDependencyViolation(error("ResourceInUse"))).isFalse();
    assertThat(AwsErrors.isResourceInUse(error("ResourceInUse"))).isTrue();
    assertThat(AwsErrors.isResourceInUse(error("DependencyViolation"))).isFalse();
    assertThat(AwsErrors.isPermissionNotFound(error("InvalidPermission.NotFound"))).isTrue();
    // A missing rule is not a missing resource: the group itself exists.
    assertThat(AwsErrors.isNotFound(error("InvalidPermission.NotFound"))).isFalse();
    assertThat(AwsErrors.isPermissionNotFound(error("InvalidGroup.NotFound"))).isFalse();
  }

  @Test
  void errorsWithoutAnAwsCodeAreNeverClassified() {
    var client = SdkClientException.create("connection refused");
    var io = new UncheckedIOException(new java.io.IOException("reset"));
    for (Throwable error : new Throwable[] {client, io}) {
      assertThat(AwsErrors.isNotFound(error)).isFalse();
      assertThat(AwsErrors.isDuplicate(error)).isFalse();
      assertThat(AwsErrors.isDependencyViolation(error)).isFalse();
      assertThat(AwsErrors.isResourceInUse(error)).isFalse();
      assertThat(AwsErrors.isPermissionNotFound(error)).isFalse();
    }
  }

  @Test
  void unlessNotFoundAnswersTheFallbackOnlyForNotFound() {
    assertThat(AwsErrors.unlessNotFound(() -> Optional.of("x"), Optional.empty())).contains("x");
    assertThat(
            AwsErrors.<Optional<String>>unlessNotFound(
                () -> {
                  throw error("TargetGroupNotFound");
                },
                Optional.empty()))
        .isEmpty();
    assertThatThrownBy(
            () ->
                AwsErrors.unlessNotFound(
                    () -> {
                      throw error("AccessDenied");
                    },
                    Optional.empty()))
        .isInstanceOf(AwsServiceException.class)
        .hasMessageContaining("AccessDenied");
  }
}
