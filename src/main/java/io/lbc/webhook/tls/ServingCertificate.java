package io.lbc.webhook.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** A certificate chain and its private key, checked to belong together. */
public record ServingCertificate(List<X509Certificate> chain, PrivateKey key) {
  private static final byte[] PROBE =
      "aws-load-balancer-controller".getBytes(StandardCharsets.UTF_8);

  public ServingCertificate {
    chain = List.copyOf(chain);
    if (!belongTogether(chain.get(0), key)) {
      throw new IllegalArgumentException("the private key does not match the certificate");
    }
  }

  /** Reads and checks a PEM certificate file and a PEM key file. */
  public static ServingCertificate read(Path certFile, Path keyFile) throws IOException {
    return new ServingCertificate(
        Pem.certificates(Files.readString(certFile, StandardCharsets.US_ASCII)),
        Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII)));
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public boolean validAt(Instant now) {
    return !now.isBefore(leaf().getNotBefore().toInstant())
        && now.isBefore(leaf().getNotAfter().toInstant());
  }

  /** For logs: serial number, subject and expiry. */
  public String describe() {
    return "serial="
        + leaf().getSerialNumber().toString(16)
        + " subject=\""
        + leaf().getSubjectX500Principal().getName()
        + "\" notAfter="
        + leaf().getNotAfter().toInstant();
  }

  /** Signs a probe with the key and verifies it with the certificate: works for every key type. */
  private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
    String algorithm = signatureAlgorithm(key);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    switch (key.getAlgorithm()) {
      case "RSA":
        return "SHA256withRSA";
      case "EC":
        return "SHA256withECDSA";
      default:
        return key.getAlgorithm();
    }
  }
}
