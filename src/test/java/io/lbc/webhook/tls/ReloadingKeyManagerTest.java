package io.lbc.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.webhook.TestCertificates;
import io.lbc.webhook.TestCertificates.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingKeyManagerTest {
  @TempDir Path dir;
  TestCertificates ca;
  Path cert;
  Path key;

  @BeforeEach
  void ca() {
    ca = TestCertificates.newCa(dir);
    cert = dir.resolve("tls.crt");
    key = dir.resolve("tls.key");
  }

  @Test
  void servesNothingUntilTheFilesAppearThenLoadsThem() {
    var keys = new ReloadingKeyManager(cert, key, Clock.systemUTC());
    assertThat(keys.serving()).isFalse();
    assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();

    String serial = ca.issue(cert, key, KeyFormat.PKCS1_RSA);

    String alias = keys.chooseEngineServerAlias("RSA", null, null);
    assertThat(alias).isNotNull();
    assertThat(keys.getCertificateChain(alias)[0].getSerialNumber().toString(16)).isEqualTo(serial);
    assertThat(keys.getPrivateKey(alias).getAlgorithm()).isEqualTo("RSA");
    assertThat(keys.serving()).isTrue();
  }

  @Test
  void picksUpARotatedCertificateAndKeepsThePreviousAliasWorking() {
    ca.issue(cert, key, KeyFormat.PKCS1_RSA);
    var keys = new ReloadingKeyManager(cert, key, Clock.systemUTC());
    String before = keys.chooseEngineServerAlias("RSA", null, null);
    var oldKey = keys.getPrivateKey(before);

    String serial = ca.issue(cert, key, KeyFormat.SEC1_EC);

    assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
    String after = keys.chooseEngineServerAlias("EC", null, null);
    assertThat(after).isNotEqualTo(before);
    assertThat(keys.getCertificateChain(after)[0].getSerialNumber().toString(16)).isEqualTo(serial);
    // A handshake that chose the old alias still gets the old pair, not half of each.
    assertThat(keys.getPrivateKey(before)).isEqualTo(oldKey);
  }

  @Test
  void keepsServingTheOldCertificateWhileTheNewPairIsHalfWritten() throws Exception {
    String serial = ca.issue(cert, key, KeyFormat.PKCS8_RSA);
    var keys = new ReloadingKeyManager(cert, key, Clock.systemUTC());
    Path otherCert = dir.resolve("other.crt");
    Path otherKey = dir.resolve("other.key");
    String next = ca.issue(otherCert, otherKey, KeyFormat.PKCS8_RSA);

    // Overwritten in place, certificate first: for a moment the pair does not match.
    Files.write(cert, Files.readAllBytes(otherCert));
    String during = keys.chooseEngineServerAlias("RSA", null, null);
    assertThat(keys.getCertificateChain(during)[0].getSerialNumber().toString(16))
        .isEqualTo(serial);

    Files.write(key, Files.readAllBytes(otherKey));
    String after = keys.chooseEngineServerAlias("RSA", null, null);
    assertThat(keys.getCertificateChain(after)[0].getSerialNumber().toString(16)).isEqualTo(next);
  }
}
