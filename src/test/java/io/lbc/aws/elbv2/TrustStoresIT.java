package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.PortClients;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.MutualAuthentication;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import io.lbc.rig.TrustStoreFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;

/**
 * ELBv2 trust stores and listener mutual TLS, which moto lacks and the {@code elbv2_trust_stores}
 * extension of the rig adds (rig/moto-gaps.md): first on the raw SDK, pinning the extension to
 * AWS's shapes and error codes, then through the project's port.
 */
@RigTest
class TrustStoresIT {
  static final List<Action> NOT_FOUND =
      List.of(Action.fixedResponse(new FixedResponseConfig("text/plain", null, "404")));

  // --- the emulator extension, on the raw SDK ---

  @Test
  void createTrustStoreReadsTheBundleFromS3AndDescribeFindsItByNameAndByArn(AwsTestClients aws) {
    String arn = TrustStoreFixtures.trustStore(aws, "clients-ca");
    ElasticLoadBalancingV2Client elbv2 = aws.elbv2();

    TrustStore byName = elbv2.describeTrustStores(r -> r.names("clients-ca")).trustStores().get(0);
    TrustStore byArn = elbv2.describeTrustStores(r -> r.trustStoreArns(arn)).trustStores().get(0);

    assertThat(arn)
        .startsWith("arn:aws:elasticloadbalancing:us-west-2:")
        .contains(":truststore/clients-ca/");
    assertThat(byName).isEqualTo(byArn);
    assertThat(byName.name()).isEqualTo("clients-ca");
    assertThat(byName.statusAsString()).isEqualTo("ACTIVE");
    assertThat(byName.numberOfCaCertificates()).isEqualTo(1);
    assertThat(elbv2.describeTrustStores(r -> {}).trustStores()).containsExactly(byName);
  }

  @Test
  void theTrustStoreCallsFailWithAwsErrorCodes(AwsTestClients aws) {
    String arn = TrustStoreFixtures.trustStore(aws, "clients-ca");
    ElasticLoadBalancingV2Client elbv2 = aws.elbv2();

    assertThatThrownBy(() -> elbv2.describeTrustStores(r -> r.names("clients-ca", "no-such-ca")))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("TrustStoreNotFound"));
    assertThatThrownBy(() -> TrustStoreFixtures.trustStore(aws, "clients-ca"))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("DuplicateTrustStoreName"));
    assertThatThrownBy(
            () ->
                elbv2.createTrustStore(
                    r ->
                        r.name("other-ca")
                            .caCertificatesBundleS3Bucket("lbc-test-trust-stores")
                            .caCertificatesBundleS3Key("missing.pem")))
        .satisfies(
            e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("CaCertificatesBundleNotFound"));
    TrustStoreFixtures.putObject(aws.endpoint(), "empty.pem", "no certificate here");
    assertThatThrownBy(
            () ->
                elbv2.createTrustStore(
                    r ->
                        r.name("other-ca")
                            .caCertificatesBundleS3Bucket("lbc-test-trust-stores")
                            .caCertificatesBundleS3Key("empty.pem")))
        .satisfies(
            e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("InvalidCaCertificatesBundle"));
    elbv2.deleteTrustStore(r -> r.trustStoreArn(arn));
    assertThat(elbv2.describeTrustStores(r -> {}).trustStores()).isEmpty();
  }

  @Test
  void listenersKeepTheirMutualTlsAndReturnItWithAwsDefaults(AwsTestClients aws) {
    String trustStore = TrustStoreFixtures.trustStore(aws, "clients-ca");
    ElasticLoadBalancingV2Client elbv2 = aws.elbv2();
    try (var ports = new PortClients(aws, null)) {
      var setup = ListenersIT.alb(aws, ports.elbv2());
      String certificate = AwsFixtures.importCertificate(aws.acm(), "www.example.com");
      String listener =
          elbv2
              .createListener(
                  r ->
                      r.loadBalancerArn(setup.loadBalancerArn())
                          .port(443)
                          .protocol("HTTPS")
                          .certificates(c -> c.certificateArn(certificate))
                          .defaultActions(
                              a ->
                                  a.type("fixed-response")
                                      .fixedResponseConfig(f -> f.statusCode("404")))
                          .mutualAuthentication(m -> m.mode("verify").trustStoreArn(trustStore)))
              .listeners()
              .get(0)
              .listenerArn();

      assertThat(mutualTls(elbv2, listener))
          .isEqualTo(
              MutualAuthenticationAttributes.builder()
                  .mode("verify")
                  .trustStoreArn(trustStore)
                  .ignoreClientCertificateExpiry(false)
                  .trustStoreAssociationStatus("active")
                  .advertiseTrustStoreCaNames("off")
                  .build());
      assertThatThrownBy(() -> elbv2.deleteTrustStore(r -> r.trustStoreArn(trustStore)))
          .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("TrustStoreInUse"));

      elbv2.modifyListener(
          r -> r.listenerArn(listener).mutualAuthentication(m -> m.mode("passthrough")));
      assertThat(mutualTls(elbv2, listener).mode()).isEqualTo("passthrough");
      assertThat(mutualTls(elbv2, listener).trustStoreArn()).isNull();

      elbv2.modifyListener(r -> r.listenerArn(listener).sslPolicy("ELBSecurityPolicy-2016-08"));
      assertThat(mutualTls(elbv2, listener).mode())
          .as("a ModifyListener without MutualAuthentication keeps it")
          .isEqualTo("passthrough");

      String unknown = trustStore.replace("clients-ca", "gone-ca");
      assertThatThrownBy(
              () ->
                  elbv2.modifyListener(
                      r ->
                          r.listenerArn(listener)
                              .mutualAuthentication(m -> m.mode("verify").trustStoreArn(unknown))))
          .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("TrustStoreNotFound"));
      assertThatThrownBy(
              () ->
                  elbv2.createListener(
                      r ->
                          r.loadBalancerArn(setup.loadBalancerArn())
                              .port(80)
                              .protocol("HTTP")
                              .defaultActions(
                                  a ->
                                      a.type("fixed-response")
                                          .fixedResponseConfig(f -> f.statusCode("404")))
                              .mutualAuthentication(m -> m.mode("passthrough"))))
          .satisfies(
              e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("InvalidConfigurationRequest"));
    }
  }

  private static MutualAuthenticationAttributes mutualTls(
      ElasticLoadBalancingV2Client elbv2, String listenerArn) {
    return elbv2
        .describeListeners(r -> r.listenerArns(listenerArn))
        .listeners()
        .get(0)
        .mutualAuthentication();
  }

  // --- the project's port ---

  @Test
  void thePortFindsTrustStoreArnsByNameLeavingUnknownNamesOut(AwsTestClients aws) {
    String clients = TrustStoreFixtures.trustStore(aws, "clients-ca");
    String partners = TrustStoreFixtures.trustStore(aws, "partners-ca");
    try (var ports = new PortClients(aws, null)) {
      assertThat(
              ports
                  .elbv2()
                  .describeTrustStoreArns(List.of("partners-ca", "no-such-ca", "clients-ca")))
          .isEqualTo(Map.of("partners-ca", partners, "clients-ca", clients));
      assertThat(ports.elbv2().describeTrustStoreArns(List.of("no-such-ca"))).isEmpty();
    }
  }

  @Test
  void thePortSetsMutualTlsOnCreateAndModifyAndReadsItBack(AwsTestClients aws) {
    String trustStore = TrustStoreFixtures.trustStore(aws, "clients-ca");
    try (var ports = new PortClients(aws, null)) {
      SdkElbv2 elbv2 = ports.elbv2();
      var setup = ListenersIT.alb(aws, elbv2);
      String certificate = AwsFixtures.importCertificate(aws.acm(), "www.example.com");
      var verify = MutualAuthentication.verify(trustStore, true, "on");

      Listener created =
          elbv2.createListener(
              setup.loadBalancerArn(),
              new ListenerSettings(
                  443, "HTTPS", NOT_FOUND, certificate, ListenersIT.TLS_POLICY, List.of(), verify),
              ListenersIT.TAGS);

      assertThat(created.mutualAuthentication()).isEqualTo(verify);
      assertThat(elbv2.describeListeners(setup.loadBalancerArn())).containsExactly(created);

      Listener off =
          elbv2.modifyListener(
              created.arn(),
              new ListenerSettings(
                  443,
                  "HTTPS",
                  NOT_FOUND,
                  certificate,
                  ListenersIT.TLS_POLICY,
                  List.of(),
                  MutualAuthentication.off()));
      assertThat(off.mutualAuthentication()).isEqualTo(MutualAuthentication.off());

      Listener kept =
          elbv2.modifyListener(
              created.arn(),
              new ListenerSettings(
                  443, "HTTPS", NOT_FOUND, certificate, ListenersIT.TLS_POLICY, List.of()));
      assertThat(kept.mutualAuthentication()).isEqualTo(MutualAuthentication.off());
    }
  }
}
