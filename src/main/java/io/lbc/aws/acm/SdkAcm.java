package io.lbc.aws.acm;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

/** {@link Acm} over the AWS SDK. */
public final class SdkAcm implements Acm {
  private final AcmClient client;

  public SdkAcm(AcmClient client) {
    this.client = client;
  }

  /**
   * Pages ListCertificates. ACM lists only RSA_1024 and RSA_2048 certificates unless asked for
   * other key types, so every key type the SDK knows is asked for.
   */
  @Override
  public List<String> listCertificateArns(List<String> statuses) {
    var result = new ArrayList<String>();
    client
        .listCertificatesPaginator(
            r ->
                r.certificateStatusesWithStrings(statuses)
                    .includes(f -> f.keyTypes(KeyAlgorithm.knownValues())))
        .certificateSummaryList()
        .stream()
        .map(CertificateSummary::certificateArn)
        .forEach(result::add);
    return result;
  }

  /** Empty when ACM has no such certificate ({@code ResourceNotFoundException}). */
  @Override
  public Optional<Certificate> describeCertificate(String arn) {
    return unlessNotFound(
        () ->
            Optional.of(
                toCertificate(
                    client.describeCertificate(r -> r.certificateArn(arn)).certificate())),
        Optional.empty());
  }

  private static Certificate toCertificate(CertificateDetail detail) {
    return new Certificate(
        detail.certificateArn(),
        detail.domainName(),
        List.copyOf(detail.subjectAlternativeNames()),
        detail.statusAsString(),
        detail.typeAsString(),
        detail.certificateAuthorityArn());
  }
}
