package io.lbc.aws.acm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ACM calls of certificates the controller requests itself ({@code create-acm-cert}, gate
 * {@code EnableCertificateManagement}): list with tags, request, read the DNS validation records,
 * delete.
 */
public interface ManagedCertificateApi {
  /** Every certificate of the account and region, whatever its status or key algorithm. */
  List<Summary> listCertificates();

  Map<String, String> tags(String certificateArn);

  /**
   * Requests a certificate, tagged at creation.
   *
   * @return its ARN
   */
  String requestCertificate(Request request);

  /** The DNS records ACM wants for validation; empty while ACM has not computed them yet. */
  List<ValidationRecord> validationRecords(String certificateArn);

  /** Deletes the certificate; nothing when ACM has no such certificate. */
  void deleteCertificate(String certificateArn);

  /**
   * A certificate as ListCertificates sums it up.
   *
   * @param status e.g. {@code PENDING_VALIDATION}, {@code ISSUED}
   * @param type {@code AMAZON_ISSUED}, {@code PRIVATE} or {@code IMPORTED}
   */
  record Summary(
      String arn,
      String domainName,
      List<String> subjectAlternativeNames,
      String status,
      String type,
      Instant createdAt) {}

  /**
   * @param certificateAuthorityArn null for an Amazon-issued certificate (DNS validation)
   */
  record Request(
      String domainName,
      List<String> subjectAlternativeNames,
      String certificateAuthorityArn,
      Map<String, String> tags) {}

  /** The CNAME (usually) that proves control of one domain of a certificate. */
  record ValidationRecord(String domainName, String name, String type, String value) {}
}
