package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class ThrottleBackoffTest {
  private static RuntimeException aws(String code) {
    return AwsServiceException.builder()
        .statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
        .build();
  }

  @Test
  void throttledReconcilesComeBackSoonDoublingToTheCapPerObject() {
    var backoff = new ThrottleBackoff();
    for (int i = 1; i <= 5; i++) {
      UpdateControl<Service> control =
          backoff.run(
              "ns/a",
              () -> {
                throw new IllegalStateException("deploy failed", aws("Throttling"));
              });
      assertThat(control.getScheduleDelay()).contains(5L << (i - 1));
    }
    // another object starts from the beginning
    UpdateControl<Service> other =
        backoff.run(
            "ns/b",
            () -> {
              throw aws("RequestLimitExceeded");
            });
    assertThat(other.getScheduleDelay()).contains(5L);
    // a reconcile that is not throttled resets the object's count
    backoff.run("ns/a", UpdateControl::<Service>noUpdate);
    UpdateControl<Service> again =
        backoff.run(
            "ns/a",
            () -> {
              throw aws("Throttling");
            });
    assertThat(again.getScheduleDelay()).contains(5L);
  }

  @Test
  void theDelayStopsAtTheCap() {
    assertThat(ThrottleBackoff.delay(1)).isEqualTo(Duration.ofMillis(5));
    assertThat(ThrottleBackoff.delay(11)).isEqualTo(Duration.ofMillis(5_120));
    assertThat(ThrottleBackoff.delay(1000)).isEqualTo(ThrottleBackoff.CAP);
  }

  @Test
  void otherFailuresGoToTheJosdkRetry() {
    var backoff = new ThrottleBackoff();
    assertThatThrownBy(
            () ->
                backoff.<Service>run(
                    "ns/a",
                    () -> {
                      throw aws("ValidationError");
                    }))
        .isInstanceOf(AwsServiceException.class);
  }
}
