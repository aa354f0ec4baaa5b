package io.lbc.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.route53.Route53;
import io.lbc.aws.route53.SdkRoute53;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The emulator's ACM DNS validation ({@code rig/moto_ext/lbc_moto_ext/acm_dns_validation.py}, a row
 * of {@code rig/moto-gaps.md}) with the raw SDK, then the controller's ACM and Route 53 ports
 * against it.
 */
@RigTest
class AcmDnsValidationIT {

  @Test
  void aRequestedCertificateIsIssuedOnlyOnceEveryValidationRecordExists(AwsTestClients aws) {
    String zone =
        aws.route53()
            .createHostedZone(r -> r.name("example.com").callerReference("raw"))
            .hostedZone()
            .id();
    String arn =
        aws.acm()
            .requestCertificate(
                r ->
                    r.domainName("a.example.com")
                        .subjectAlternativeNames("a.example.com", "b.example.com")
                        .validationMethod(ValidationMethod.DNS))
            .certificateArn();
    CertificateDetail pending = describe(aws, arn);
    assertThat(pending.statusAsString()).isEqualTo("PENDING_VALIDATION");
    assertThat(pending.domainValidationOptions()).hasSize(2);
    // the summary carries the names as AWS's does
    assertThat(
            aws.acm()
                .listCertificates(r -> {})
                .certificateSummaryList()
                .get(0)
                .subjectAlternativeNameSummaries())
        .containsExactlyInAnyOrder("a.example.com", "b.example.com");

    DomainValidation first = pending.domainValidationOptions().get(0);
    create(aws, zone, first);
    assertThat(describe(aws, arn).statusAsString())
        .as("one of two records is not enough")
        .isEqualTo("PENDING_VALIDATION");
    create(aws, zone, pending.domainValidationOptions().get(1));
    assertThat(describe(aws, arn).statusAsString()).isEqualTo("ISSUED");
  }

  @Test
  void thePortsRequestListValidateAndDeleteACertificate(AwsTestClients aws) {
    aws.route53().createHostedZone(r -> r.name("example.com").callerReference("ports"));
    aws.route53().createHostedZone(r -> r.name("shop.example.com").callerReference("ports-2"));
    var acm = new SdkAcm(aws::acm);
    Route53 route53 = new SdkRoute53(aws::route53);
    String arn =
        acm.requestCertificate(
            new ManagedCertificateApi.Request(
                "www.shop.example.com",
                List.of("www.shop.example.com"),
                null,
                Map.of("elbv2.k8s.aws/cluster", "c1")));
    assertThat(acm.tags(arn)).containsEntry("elbv2.k8s.aws/cluster", "c1");
    var records = acm.validationRecords(arn);
    assertThat(records).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("CNAME"));

    String shopZone =
        route53.hostedZones().stream()
            .filter(z -> z.name().startsWith("shop."))
            .findFirst()
            .orElseThrow()
            .id();
    var record = new Route53.Record(records.get(0).name(), "CNAME", records.get(0).value(), 60);
    route53.createRecord(shopZone, record);
    route53.createRecord(shopZone, record); // an existing record is kept, not an error
    assertThat(acm.listCertificates())
        .singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo("ISSUED"))
        .satisfies(s -> assertThat(s.createdAt()).isNotNull());

    route53.deleteRecord(shopZone, record);
    route53.deleteRecord(shopZone, record); // gone already: nothing
    acm.deleteCertificate(arn);
    acm.deleteCertificate(arn); // gone already: nothing
    assertThat(acm.listCertificates()).isEmpty();
  }

  private static CertificateDetail describe(AwsTestClients aws, String arn) {
    return aws.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
  }

  private static void create(AwsTestClients aws, String zone, DomainValidation option) {
    aws.route53()
        .changeResourceRecordSets(
            r ->
                r.hostedZoneId(zone)
                    .changeBatch(
                        b ->
                            b.changes(
                                c ->
                                    c.action(ChangeAction.CREATE)
                                        .resourceRecordSet(
                                            s ->
                                                s.name(option.resourceRecord().name())
                                                    .type(RRType.CNAME)
                                                    .ttl(60L)
                                                    .resourceRecords(
                                                        v ->
                                                            v.value(
                                                                option
                                                                    .resourceRecord()
                                                                    .value()))))));
  }
}
