package io.lbc.plan;

import io.lbc.aws.AwsClients;
import io.lbc.aws.ReadOnlyPorts;
import io.lbc.aws.acm.Acm;
import io.lbc.aws.acm.SdkAcm;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.aws.shield.SdkShield;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.shield.ShieldSubscription;
import io.lbc.aws.wafv2.SdkWafv2;
import io.lbc.aws.wafv2.Wafv2;
import io.lbc.config.AwsSettings;
import io.lbc.ingress.AddOnLookups;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The AWS ports {@code plan} builds with: the SDK behind wrappers that refuse every write. */
final class PlanAws implements AutoCloseable {
  private final AwsClients clients;
  final Ec2 ec2;
  final Elbv2 elbv2;
  final Acm acm;
  final AddOnLookups addOns;

  PlanAws(AwsSettings settings, AwsCredentialsProvider credentials) {
    this.clients = new AwsClients(settings, credentials, new SimpleMeterRegistry());
    this.ec2 = readOnly(Ec2.class, new SdkEc2(clients.ec2()));
    this.elbv2 = readOnly(Elbv2.class, new SdkElbv2(clients.elbv2()));
    this.acm = new SdkAcm(clients::acm);
    this.addOns =
        new AddOnLookups(
            readOnly(Wafv2.class, new SdkWafv2(clients::wafv2)),
            new ShieldSubscription(readOnly(Shield.class, new SdkShield(clients::shield))),
            AwsClients.wafRegionalAvailable(settings));
  }

  /** The port with every write refused, so {@code plan} cannot change AWS. */
  static <T> T readOnly(Class<T> port, T delegate) {
    return ReadOnlyPorts.of(port, delegate, "plan never writes to AWS, refused ");
  }

  @Override
  public void close() {
    clients.close();
  }
}
