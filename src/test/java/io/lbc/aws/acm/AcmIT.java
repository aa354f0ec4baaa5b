package io.lbc.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.PortClients;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificates through the project's ACM port, against moto. */
@RigTest
class AcmIT {
  @Test
  void listsIssuedCertificatesAndDescribesThemWithTheirNames(AwsTestClients aws) {
    String www = AwsFixtures.importCertificate(aws.acm(), "www.example.com", "example.com");
    String api = AwsFixtures.importCertificate(aws.acm(), "api.example.com");
    try (var ports = new PortClients(aws, null)) {
      Acm acm = ports.acm();

      assertThat(acm.listCertificateArns(List.of("ISSUED"))).containsExactlyInAnyOrder(www, api);
      assertThat(acm.listCertificateArns(List.of("REVOKED"))).isEmpty();
      assertThat(acm.describeCertificate(www))
          .contains(
              new Certificate(
                  www,
                  "www.example.com",
                  List.of("www.example.com", "example.com"),
                  "ISSUED",
                  "IMPORTED",
                  null));
    }
  }

  @Test
  void aDeletedCertificateIsNotFound(AwsTestClients aws) {
    String arn = AwsFixtures.importCertificate(aws.acm(), "gone.example.com");
    aws.acm().deleteCertificate(r -> r.certificateArn(arn));
    try (var ports = new PortClients(aws, null)) {
      assertThat(ports.acm().describeCertificate(arn)).isEmpty();
      assertThat(ports.acm().listCertificateArns(List.of("ISSUED"))).isEmpty();
    }
  }
}
