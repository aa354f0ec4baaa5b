package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The annotation's syntax and rules; name resolution and merging are in the golden cases. */
class MutualAuthenticationReaderTest {
  @Test
  void verifyGetsAwsDefaultsAndOtherModesCarryTheModeAlone() {
    assertThat(
            MutualAuthenticationReader.parse(
                """
                [{"port": 443, "mode": "verify", "trustStore": "ca"},
                 {"port": 8443, "mode": "passthrough"},
                 {"port": 9443, "mode": "off"},
                 {"port": 443, "mode": "verify", "trustStore": "ca", "ignoreClientCertificateExpiry": false}]
                """))
        .isEqualTo(
            Map.of(
                443, new MutualAuthentication("verify", "ca", false, "off"),
                8443, new MutualAuthentication("passthrough", null, null, null),
                9443, MutualAuthentication.off()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | is not JSON",
        "{\"port\": 443} | is not a JSON list",
        "[] | is an empty list",
        "[443] | is not an object",
        "[{\"mode\": \"off\"}] | needs an integer \"port\"",
        "[{\"port\": 0, \"mode\": \"off\"}] | port 0 is not within [1, 65535]",
        "[{\"port\": 443}] | the mode of port 443 is empty",
        "[{\"port\": 443, \"mode\": \"\"}] | the mode of port 443 is empty",
        "[{\"port\": 443, \"mode\": \"Verify\"}] | is 'Verify', not one of [off, passthrough, verify]",
        "[{\"port\": 443, \"mode\": \"verify\"}] | needs a trustStore",
        "[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": 7}] | trustStore of port 443 is not a string",
        "[{\"port\": 443, \"mode\": \"off\", \"trustStore\": \"ca\"}] | mode off of port 443 takes no trustStore",
        "[{\"port\": 443, \"mode\": \"passthrough\", \"ignoreClientCertificateExpiry\": true}] | takes no ignoreClientCertificateExpiry",
        "[{\"port\": 443, \"mode\": \"off\", \"advertiseTrustStoreCaNames\": \"off\"}] | takes no advertiseTrustStoreCaNames",
        "[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \"ca\", \"ignoreClientCertificateExpiry\": \"yes\"}] | is not true or false",
        "[{\"port\": 443, \"mode\": \"verify\", \"trustStore\": \"ca\", \"advertiseTrustStoreCaNames\": \"yes\"}] | is 'yes', not on or off",
        "[{\"port\": 443, \"mode\": \"off\", \"Mode\": \"verify\"}] | unknown field 'Mode'",
        "[{\"port\": 443, \"mode\": \"off\"}, {\"port\": 443, \"mode\": \"passthrough\"}] | port 443 has two different entries",
      })
  void badInputIsRefusedNamingTheAnnotation(String raw, String message) {
    assertThatThrownBy(() -> MutualAuthenticationReader.parse(raw))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(message)
        .satisfies(
            e ->
                assertThat(((UserInputException) e).field())
                    .isEqualTo("alb.ingress.kubernetes.io/mutual-authentication"));
  }
}
