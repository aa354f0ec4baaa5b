package io.lbc.model.elbv2;

/**
 * Mutual TLS of an HTTPS listener (compat-spec §1.3 #25), as the model asks for it and as ELBv2
 * describes it.
 *
 * @param mode {@code off}, {@code passthrough} or {@code verify}
 * @param trustStoreArn verify only: the trust store that validates client certificates
 * @param ignoreClientCertificateExpiry verify only
 * @param advertiseTrustStoreCaNames verify only: {@code on} or {@code off}
 */
public record MutualAuthentication(
    String mode,
    String trustStoreArn,
    Boolean ignoreClientCertificateExpiry,
    String advertiseTrustStoreCaNames) {
  public static final String OFF = "off";
  public static final String PASSTHROUGH = "passthrough";
  public static final String VERIFY = "verify";

  /** Mutual TLS turned off. */
  public static MutualAuthentication off() {
    return new MutualAuthentication(OFF, null, null, null);
  }

  /** Verify mode, with AWS's defaults for what is left out (no expiry ignored, CA names off). */
  public static MutualAuthentication verify(
      String trustStoreArn, Boolean ignoreClientCertificateExpiry, String advertise) {
    return new MutualAuthentication(
        VERIFY,
        trustStoreArn,
        ignoreClientCertificateExpiry != null && ignoreClientCertificateExpiry,
        advertise == null ? OFF : advertise);
  }

  /** True for a listener without mutual TLS: no mode, or mode {@code off}. */
  public static boolean isOff(MutualAuthentication value) {
    return value == null || value.mode() == null || value.mode().equals(OFF);
  }

  /**
   * Whether two settings mean the same to AWS: both off, or the same mode and, for verify, the same
   * trust store, expiry handling and CA-name advertising (AWS's defaults filled in).
   */
  public static boolean same(MutualAuthentication a, MutualAuthentication b) {
    if (isOff(a) || isOff(b)) {
      return isOff(a) && isOff(b);
    }
    if (!a.mode().equals(b.mode())) {
      return false;
    }
    if (!a.mode().equals(VERIFY)) {
      return true;
    }
    MutualAuthentication x =
        verify(a.trustStoreArn, a.ignoreClientCertificateExpiry, a.advertiseTrustStoreCaNames);
    MutualAuthentication y =
        verify(b.trustStoreArn, b.ignoreClientCertificateExpiry, b.advertiseTrustStoreCaNames);
    return x.equals(y);
  }

  /** As the user writes it, for messages. */
  @Override
  public String toString() {
    var text = new StringBuilder("{mode: ").append(mode);
    if (trustStoreArn != null) {
      text.append(", trustStore: ").append(trustStoreArn);
    }
    if (ignoreClientCertificateExpiry != null) {
      text.append(", ignoreClientCertificateExpiry: ").append(ignoreClientCertificateExpiry);
    }
    if (advertiseTrustStoreCaNames != null) {
      text.append(", advertiseTrustStoreCaNames: ").append(advertiseTrustStoreCaNames);
    }
    return text.append('}').toString();
  }
}
