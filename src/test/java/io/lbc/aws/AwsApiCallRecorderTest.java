package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AwsApiCallRecorderTest {
  @Test
  void errorFamiliesFollowTheReferencesOrder() {
    assertThat(AwsApiCallRecorder.errorKind("400", "Throttling")).contains("throttled");
    assertThat(AwsApiCallRecorder.errorKind("503", "RequestLimitExceeded"))
        .contains("service_limit_exceeded");
    assertThat(AwsApiCallRecorder.errorKind("403", "Throttling")).contains("permission");
    assertThat(AwsApiCallRecorder.errorKind("400", "UnauthorizedOperation")).isEmpty();
    assertThat(AwsApiCallRecorder.errorKind("400", "AuthFailure")).contains("permission");
    assertThat(AwsApiCallRecorder.errorKind("400", "TooManyLoadBalancers")).isEmpty();
    assertThat(AwsApiCallRecorder.errorKind("400", "ValidationError")).contains("validation");
    assertThat(AwsApiCallRecorder.errorKind("200", "")).isEmpty();
  }
}
