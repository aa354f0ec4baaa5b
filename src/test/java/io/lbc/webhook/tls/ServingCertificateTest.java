package io.lbc.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.webhook.TestCertificates;
import io.lbc.webhook.TestCertificates.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServingCertificateTest {
  @TempDir static Path dir;
  static TestCertificates ca;

  @BeforeAll
  static void ca() {
    ca = TestCertificates.newCa(dir);
  }

  @ParameterizedTest
  @EnumSource(KeyFormat.class)
  void readsEveryKeyFormatOpensslAndCertManagerWrite(KeyFormat format) throws Exception {
    Path cert = dir.resolve(format + ".crt");
    Path key = dir.resolve(format + ".key");
    String serial = ca.issue(cert, key, format);

    ServingCertificate loaded = ServingCertificate.read(cert, key);

    assertThat(loaded.leaf().getSerialNumber().toString(16)).isEqualTo(serial);
    assertThat(loaded.key().getAlgorithm()).isEqualTo(format.name().endsWith("RSA") ? "RSA" : "EC");
    assertThat(loaded.validAt(Instant.now())).isTrue();
    assertThat(loaded.validAt(Instant.now().plusSeconds(3 * 86400))).isFalse();
  }

  @Test
  void keepsTheWholeChainLeafFirst() throws Exception {
    Path cert = dir.resolve("chain.crt");
    Path key = dir.resolve("chain.key");
    ca.issue(cert, key, KeyFormat.PKCS1_RSA);
    Files.writeString(cert, Files.readString(cert) + ca.caPem());

    ServingCertificate loaded = ServingCertificate.read(cert, key);

    assertThat(loaded.chain()).hasSize(2);
    assertThat(loaded.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
    assertThat(loaded.chain().get(1).getSubjectX500Principal().getName())
        .isEqualTo("CN=lbc-test-ca");
  }

  @Test
  void refusesAKeyOfAnotherCertificate() {
    Path certA = dir.resolve("a.crt");
    Path keyA = dir.resolve("a.key");
    Path certB = dir.resolve("b.crt");
    Path keyB = dir.resolve("b.key");
    ca.issue(certA, keyA, KeyFormat.PKCS8_RSA);
    ca.issue(certB, keyB, KeyFormat.PKCS8_RSA);

    assertThatThrownBy(() -> ServingCertificate.read(certA, keyB))
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesEncryptedAndMissingKeys() throws Exception {
    Path cert = dir.resolve("enc.crt");
    Path key = dir.resolve("enc.key");
    ca.issue(cert, key, KeyFormat.PKCS8_RSA);
    ca.openssl(
        "pkcs8",
        "-topk8",
        "-in",
        key.toString(),
        "-passout",
        "pass:secret",
        "-out",
        dir.resolve("encrypted.key").toString());

    assertThatThrownBy(() -> ServingCertificate.read(cert, dir.resolve("encrypted.key")))
        .hasMessageContaining("encrypted private keys are not supported");
    assertThatThrownBy(() -> ServingCertificate.read(cert, cert))
        .hasMessageContaining("no PRIVATE KEY block");
    assertThatThrownBy(() -> ServingCertificate.read(key, key))
        .hasMessageContaining("no CERTIFICATE block");
  }
}
