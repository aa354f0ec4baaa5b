package io.lbc.aws.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;

/** {@link Route53} over the AWS SDK. */
public final class SdkRoute53 implements Route53 {
  private final Supplier<Route53Client> client;

  /**
   * @param client the SDK client, built on first use (see {@code AwsClients})
   */
  public SdkRoute53(Supplier<Route53Client> client) {
    this.client = client;
  }

  @Override
  public List<HostedZone> hostedZones() {
    var result = new ArrayList<HostedZone>();
    client
        .get()
        .listHostedZonesPaginator(r -> {})
        .hostedZones()
        .forEach(z -> result.add(new HostedZone(z.id().replace("/hostedzone/", ""), z.name())));
    return result;
  }

  @Override
  public void createRecord(String hostedZoneId, Record record) {
    try {
      change(hostedZoneId, ChangeAction.CREATE, record);
    } catch (InvalidChangeBatchException e) {
      if (!String.valueOf(e.getMessage()).contains("exist")) {
        throw e;
      }
    }
  }

  @Override
  public void deleteRecord(String hostedZoneId, Record record) {
    try {
      change(hostedZoneId, ChangeAction.DELETE, record);
    } catch (InvalidChangeBatchException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("not found") && !message.contains("do not match")) {
        throw e;
      }
    }
  }

  private void change(String hostedZoneId, ChangeAction action, Record record) {
    client
        .get()
        .changeResourceRecordSets(
            r ->
                r.hostedZoneId(hostedZoneId)
                    .changeBatch(
                        b ->
                            b.changes(
                                c ->
                                    c.action(action)
                                        .resourceRecordSet(
                                            s ->
                                                s.name(record.name())
                                                    .type(record.type())
                                                    .ttl(record.ttl())
                                                    .resourceRecords(
                                                        v -> v.value(record.value()))))));
  }
}
