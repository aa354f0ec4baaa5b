package io.lbc.model.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MutualAuthenticationTest {
  static final String STORE = "arn:aws:elasticloadbalancing:us-west-2:1:truststore/ca/1";

  @Test
  void offAndAbsentAreTheSame() {
    assertThat(MutualAuthentication.same(null, MutualAuthentication.off())).isTrue();
    assertThat(MutualAuthentication.same(MutualAuthentication.off(), null)).isTrue();
    assertThat(MutualAuthentication.same(new MutualAuthentication(null, null, false, null), null))
        .isTrue();
    assertThat(MutualAuthentication.same(null, passthrough())).isFalse();
    assertThat(MutualAuthentication.same(MutualAuthentication.off(), passthrough())).isFalse();
  }

  @Test
  void verifyComparesTheTrustStoreAndTheOptionsWithAwsDefaultsFilledIn() {
    var asked = MutualAuthentication.verify(STORE, null, null);
    var described = new MutualAuthentication("verify", STORE, false, "off");

    assertThat(MutualAuthentication.same(asked, described)).isTrue();
    assertThat(
            MutualAuthentication.same(
                new MutualAuthentication("verify", STORE, null, null), described))
        .isTrue();
    assertThat(
            MutualAuthentication.same(
                asked, new MutualAuthentication("verify", STORE, true, "off")))
        .isFalse();
    assertThat(
            MutualAuthentication.same(
                asked, new MutualAuthentication("verify", STORE, false, "on")))
        .isFalse();
    assertThat(
            MutualAuthentication.same(asked, MutualAuthentication.verify(STORE + "x", null, null)))
        .isFalse();
    assertThat(MutualAuthentication.same(asked, passthrough())).isFalse();
  }

  @Test
  void passthroughIgnoresWhatOnlyVerifyUses() {
    assertThat(
            MutualAuthentication.same(
                passthrough(), new MutualAuthentication("passthrough", null, false, null)))
        .isTrue();
  }

  @Test
  void readsAsTheUserWritesIt() {
    assertThat(MutualAuthentication.verify(STORE, true, "on"))
        .hasToString(
            "{mode: verify, trustStore: "
                + STORE
                + ", ignoreClientCertificateExpiry: true,"
                + " advertiseTrustStoreCaNames: on}");
    assertThat(passthrough()).hasToString("{mode: passthrough}");
  }

  private static MutualAuthentication passthrough() {
    return new MutualAuthentication("passthrough", null, null, null);
  }
}
