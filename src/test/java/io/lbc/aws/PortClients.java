package io.lbc.aws;

import io.lbc.aws.acm.Acm;
import io.lbc.aws.acm.SdkAcm;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.rig.AwsTestClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The project's own ports on the controller's own clients, pointed at moto, with a meter registry
 * to count the calls they make.
 */
public final class PortClients implements AutoCloseable {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AwsClients clients;

  public PortClients(AwsTestClients aws, String vpcId) {
    this.clients =
        new AwsClients(aws.controllerSettings(vpcId), AwsTestClients.CREDENTIALS, registry);
  }

  public SdkElbv2 elbv2() {
    return new SdkElbv2(clients.elbv2());
  }

  public Ec2 ec2() {
    return new SdkEc2(clients.ec2());
  }

  public Acm acm() {
    return new SdkAcm(clients::acm);
  }

  /** How many calls of the operation the ports made so far, whatever their outcome. */
  public long calls(String operation) {
    return Math.round(
        registry.find("aws.api.calls").tag("operation", operation).counters().stream()
            .mapToDouble(Counter::count)
            .sum());
  }

  @Override
  public void close() {
    clients.close();
  }
}
