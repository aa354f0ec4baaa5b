package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsErrorBodiesTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheCodeAsEachProtocolCarriesIt() {
    assertThat(
            AwsErrorBodies.errorCode(
                Map.of(), bytes("<Response><Errors><Error><Code>RequestLimitExceeded</Code>")))
        .contains("RequestLimitExceeded");
    assertThat(
            AwsErrorBodies.errorCode(
                Map.of(), bytes("{\"__type\":\"com.amazonaws.waf#WAFNonexistentItemException\"}")))
        .contains("WAFNonexistentItemException");
    assertThat(
            AwsErrorBodies.errorCode(
                Map.of("X-Amzn-ErrorType", List.of("ThrottlingException:http://x")), bytes("")))
        .contains("ThrottlingException");
    assertThat(
            AwsErrorBodies.errorCode(
                Map.of("x-amzn-query-error", List.of("Throttling;Sender")),
                bytes("{\"__type\":\"Other\"}")))
        .contains("Throttling");
    assertThat(AwsErrorBodies.errorCode(Map.of(), bytes("<html>bad gateway</html>"))).isEmpty();
  }
}
