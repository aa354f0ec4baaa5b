package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a Gateway reconcile is a dry run (gateway-spec §4.1). */
class GatewayDryRunTest {
  private static final String FINALIZER = "gateway.k8s.aws/alb";

  @Test
  void onlyTheValueTrueOnAGatewayNotYetProvisionedAndNotDeletedIsADryRun() {
    assertThat(
            GatewayDryRun.requested(
                gateway(Map.of("gateway.k8s.aws/dry-run", "true"), List.of(), null), FINALIZER))
        .isTrue();
    assertThat(
            GatewayDryRun.requested(
                gateway(Map.of("gateway.k8s.aws/dry-run", "false"), List.of(), null), FINALIZER))
        .isFalse();
    assertThat(
            GatewayDryRun.requested(
                gateway(Map.of("gateway.k8s.aws/dry-run", "True"), List.of(), null), FINALIZER))
        .isFalse();
    assertThat(GatewayDryRun.requested(gateway(Map.of(), List.of(), null), FINALIZER)).isFalse();
    assertThat(
            GatewayDryRun.requested(
                gateway(Map.of("gateway.k8s.aws/dry-run", "true"), List.of(FINALIZER), null),
                FINALIZER))
        .as("already provisioned")
        .isFalse();
    assertThat(
            GatewayDryRun.requested(
                gateway(
                    Map.of("gateway.k8s.aws/dry-run", "true"),
                    List.of("other"),
                    "2026-01-01T00:00:00Z"),
                FINALIZER))
        .as("being deleted")
        .isFalse();
    assertThat(
            GatewayDryRun.requested(
                gateway(Map.of("gateway.k8s.aws/dry-run", "true"), List.of("other"), null),
                FINALIZER))
        .as("another controller's finalizer")
        .isTrue();
  }

  @Test
  void thePlanKeyIsTheReferences() {
    assertThat(GatewayDryRun.REQUEST).isEqualTo("gateway.k8s.aws/dry-run");
    assertThat(GatewayDryRun.PLAN).isEqualTo("gateway.k8s.aws/dry-run-plan");
  }

  private static Gateway gateway(
      Map<String, String> annotations, List<String> finalizers, String deleted) {
    return new GatewayBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName("gw")
        .withAnnotations(annotations)
        .withFinalizers(finalizers)
        .withDeletionTimestamp(deleted)
        .endMetadata()
        .build();
  }
}
