package io.lbc.aws.acm;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** {@link Acm} over the AWS SDK. */
public final class SdkAcm implements Acm, ManagedCertificateApi {
  private final Supplier<AcmClient> client;

  /**
   * @param client the SDK client, built on first use (see {@code AwsClients})
   */
  public SdkAcm(Supplier<AcmClient> client) {
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
        .get()
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
                    client.get().describeCertificate(r -> r.certificateArn(arn)).certificate())),
        Optional.empty());
  }

  @Override
  public List<Summary> listCertificates() {
    var result = new ArrayList<Summary>();
    client
        .get()
        .listCertificatesPaginator(r -> r.includes(f -> f.keyTypes(KeyAlgorithm.knownValues())))
        .certificateSummaryList()
        .forEach(
            c ->
                result.add(
                    new Summary(
                        c.certificateArn(),
                        c.domainName(),
                        List.copyOf(c.subjectAlternativeNameSummaries()),
                        c.statusAsString(),
                        c.typeAsString(),
                        c.createdAt())));
    return result;
  }

  @Override
  public Map<String, String> tags(String certificateArn) {
    var tags = new LinkedHashMap<String, String>();
    client
        .get()
        .listTagsForCertificate(r -> r.certificateArn(certificateArn))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
    return tags;
  }

  @Override
  public String requestCertificate(Request request) {
    return client
        .get()
        .requestCertificate(
            r -> {
              r.domainName(request.domainName())
                  .tags(
                      request.tags().entrySet().stream()
                          .sorted(Map.Entry.comparingByKey())
                          .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                          .toList());
              if (!request.subjectAlternativeNames().isEmpty()) {
                r.subjectAlternativeNames(request.subjectAlternativeNames());
              }
              if (request.certificateAuthorityArn() != null) {
                r.certificateAuthorityArn(request.certificateAuthorityArn());
              } else {
                r.validationMethod(ValidationMethod.DNS);
              }
            })
        .certificateArn();
  }

  @Override
  public List<ValidationRecord> validationRecords(String certificateArn) {
    CertificateDetail detail =
        client.get().describeCertificate(r -> r.certificateArn(certificateArn)).certificate();
    var result = new ArrayList<ValidationRecord>();
    for (DomainValidation option : detail.domainValidationOptions()) {
      if (option.validationMethod() != ValidationMethod.DNS || option.resourceRecord() == null) {
        continue;
      }
      result.add(
          new ValidationRecord(
              option.domainName(),
              option.resourceRecord().name(),
              option.resourceRecord().typeAsString(),
              option.resourceRecord().value()));
    }
    return result;
  }

  @Override
  public void deleteCertificate(String certificateArn) {
    unlessNotFound(
        () -> {
          client.get().deleteCertificate(r -> r.certificateArn(certificateArn));
          return null;
        },
        null);
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
