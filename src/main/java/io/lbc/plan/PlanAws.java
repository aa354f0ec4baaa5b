package io.lbc.plan;

import io.lbc.aws.AwsClients;
import io.lbc.aws.acm.Acm;
import io.lbc.aws.acm.Certificate;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.config.AwsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The AWS ports {@code plan} builds with: the SDK behind wrappers that refuse every write. */
final class PlanAws implements AutoCloseable {
  private final AwsClients clients;
  final Ec2 ec2;
  final Elbv2 elbv2;
  final Acm acm;

  PlanAws(AwsSettings settings, AwsCredentialsProvider credentials) {
    this.clients = new AwsClients(settings, credentials, new SimpleMeterRegistry());
    this.ec2 = new ReadOnlyEc2(new SdkEc2(clients.ec2()));
    this.elbv2 = new ReadOnlyElbv2(new SdkElbv2(clients.elbv2()));
    this.acm = acm(clients);
  }

  /**
   * ACM over the SDK. {@code SdkAcm} is written on another branch; until it is merged, certificate
   * discovery reports that it is unavailable (naming certificates explicitly still works).
   */
  private static Acm acm(AwsClients clients) {
    try {
      Class<?> type = Class.forName("io.lbc.aws.acm.SdkAcm");
      return (Acm) type.getConstructors()[0].newInstance(clients.acm());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new Acm() {
        @Override
        public List<String> listCertificateArns(List<String> statuses) {
          throw new UnsupportedOperationException(
              "ACM certificate discovery is not available in this build; name certificates with"
                  + " alb.ingress.kubernetes.io/certificate-arn");
        }

        @Override
        public Optional<Certificate> describeCertificate(String arn) {
          return Optional.empty();
        }
      };
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
