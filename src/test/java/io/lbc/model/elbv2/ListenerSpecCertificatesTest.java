package io.lbc.model.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.model.Token;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerSpecCertificatesTest {
  private static ListenerSpec withCertificates(ListenerSpec.Certificate... certificates) {
    return new ListenerSpec(
        Token.of("arn:lb"),
        443,
        "HTTPS",
        List.of(),
        List.of(certificates),
        "ELBSecurityPolicy-2016-08",
        null,
        List.of(),
        Map.of());
  }

  private static ListenerSpec.Certificate discovered(String arn) {
    return new ListenerSpec.Certificate(arn, true);
  }

  private static ListenerSpec.Certificate named(String arn) {
    return new ListenerSpec.Certificate(arn);
  }

  @Test
  void theDesiredDefaultIsAlwaysAccepted() {
    assertThat(withCertificates(named("a"), named("b")).acceptsDefaultCertificate("a")).isTrue();
  }

  @Test
  void anotherDiscoveredCertificateIsAcceptedWhenTheDefaultWasDiscoveredToo() {
    var spec = withCertificates(discovered("a-wildcard"), discovered("b-pay"), named("c-named"));

    assertThat(spec.acceptsDefaultCertificate("b-pay")).isTrue();
    assertThat(spec.acceptsDefaultCertificate("c-named"))
        .as("a certificate the user named is not one discovery chose")
        .isFalse();
    assertThat(spec.acceptsDefaultCertificate("d-unknown")).isFalse();
    assertThat(spec.acceptsDefaultCertificate(null)).isFalse();
  }

  @Test
  void theOrderTheUserGaveIsKept() {
    var spec = withCertificates(named("z-first"), discovered("a-discovered"), named("b"));

    assertThat(spec.acceptsDefaultCertificate("b")).isFalse();
    assertThat(spec.acceptsDefaultCertificate("a-discovered")).isFalse();
  }

  @Test
  void aListenerWithoutCertificatesAcceptsOnlyNone() {
    var spec =
        new ListenerSpec(
            Token.of("arn:lb"), 80, "HTTP", List.of(), null, null, null, List.of(), Map.of());

    assertThat(spec.acceptsDefaultCertificate(null)).isTrue();
    assertThat(spec.acceptsDefaultCertificate("a")).isFalse();
  }
}
