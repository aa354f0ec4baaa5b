package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.lbc.config.ClusterContext;
import io.lbc.gateway.GatewayAddOns.AddOn;
import io.lbc.k8s.gateway.KeyValue;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackKind;
import io.lbc.model.addons.ShieldProtectionSpec;
import io.lbc.model.addons.WebAclAssociationSpec;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.service.TestConfigs;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a Gateway's teardown decides (gateway-spec §5 "Deletion"): whether deletion protection keeps
 * its load balancer, which configuration still counts, and which add-ons it removes first.
 */
class GatewayTeardownTest {
  private static final StackId STACK = StackId.gateway(StackKind.GATEWAY_ALB, "ns", "gw");

  @Test
  void deletionProtectionIsOnlyABooleanTrueOfThatKey() {
    assertThat(GatewayTeardown.deletionProtected(attributes("deletion_protection.enabled", "true")))
        .isTrue();
    assertThat(GatewayTeardown.deletionProtected(attributes("deletion_protection.enabled", "1")))
        .as("Go's ParseBool spellings")
        .isTrue();
    assertThat(
            GatewayTeardown.deletionProtected(attributes("deletion_protection.enabled", "false")))
        .isFalse();
    assertThat(GatewayTeardown.deletionProtected(attributes("deletion_protection.enabled", "yes")))
        .as("not a boolean: off, as in the reference")
        .isFalse();
    assertThat(GatewayTeardown.deletionProtected(attributes("deletion_protection.enabled", null)))
        .isFalse();
    assertThat(GatewayTeardown.deletionProtected(attributes("idle_timeout.timeout_seconds", "60")))
        .isFalse();
    assertThat(GatewayTeardown.deletionProtected(Optional.of(new LoadBalancerConfigurationSpec())))
        .isFalse();
    assertThat(GatewayTeardown.deletionProtected(Optional.empty())).isFalse();
  }

  @Test
  void theClassConfigurationCountsWhileTheClassIsOurs() {
    var lookUp = lookUp(Map.of("infra/class-lbc", protectedConfig()));
    Gateway gateway = gateway(null);
    GatewayClass ourClass =
        new GatewayClassBuilder()
            .withNewMetadata()
            .withName("alb")
            .endMetadata()
            .withNewSpec()
            .withControllerName("gateway.k8s.aws/alb")
            .withNewParametersRef()
            .withGroup("gateway.k8s.aws")
            .withKind("LoadBalancerConfiguration")
            .withNamespace("infra")
            .withName("class-lbc")
            .endParametersRef()
            .endSpec()
            .build();

    assertThat(
            GatewayTeardown.deletionProtected(
                GatewayConfigurations.forDeletion(gateway, Optional.of(ourClass), lookUp)))
        .isTrue();
    assertThat(
            GatewayTeardown.deletionProtected(
                GatewayConfigurations.forDeletion(gateway, Optional.empty(), lookUp)))
        .as("a class no longer ours: its parametersRef is not read")
        .isFalse();
  }

  @Test
  void aConfigurationThatIsGoneContributesNothingAndBlocksNothing() {
    Gateway gateway = gateway("gone");
    assertThat(GatewayConfigurations.forDeletion(gateway, Optional.empty(), lookUp(Map.of())))
        .hasValueSatisfying(c -> assertThat(c.loadBalancerAttributes).isNull());

    var lookUp = lookUp(Map.of("ns/gw-lbc", protectedConfig()));
    assertThat(
            GatewayTeardown.deletionProtected(
                GatewayConfigurations.forDeletion(gateway("gw-lbc"), Optional.empty(), lookUp)))
        .as("the Gateway's own configuration counts whatever the class")
        .isTrue();
  }

  @Test
  void theActiveAddOnsAreRemovedAndOnlyThose() {
    var cluster = cluster();
    Map<String, String> all =
        Map.of(
            AddOn.WAFV2.annotation(), "true",
            AddOn.SHIELD.annotation(), "true",
            AddOn.PROVISIONED_CAPACITY.annotation(), "true");

    Stack alb = GatewayAddOns.removals(STACK, GatewayAddOns.ALB, all, cluster);
    assertThat(alb.resources(ResourceType.WAFV2_WEB_ACL_ASSOCIATION, WebAclAssociationSpec.class))
        .singleElement()
        .satisfies(r -> assertThat(r.spec().webAcl()).isEmpty());
    assertThat(alb.resources(ResourceType.SHIELD_PROTECTION, ShieldProtectionSpec.class))
        .singleElement()
        .satisfies(r -> assertThat(r.spec().enabled()).isFalse());
    assertThat(alb.resources(ResourceType.CAPACITY_RESERVATION, CapacityReservationSpec.class))
        .singleElement()
        .satisfies(r -> assertThat(r.spec().capacityUnits()).isZero());
    assertThat(GatewayAddOns.states(alb))
        .containsOnly(
            Map.entry(AddOn.WAFV2, false),
            Map.entry(AddOn.SHIELD, false),
            Map.entry(AddOn.PROVISIONED_CAPACITY, false));

    Stack nlb = GatewayAddOns.removals(STACK, GatewayAddOns.NLB, all, cluster);
    assertThat(GatewayAddOns.states(nlb)).containsOnlyKeys(AddOn.PROVISIONED_CAPACITY);

    Stack inactive =
        GatewayAddOns.removals(
            STACK, GatewayAddOns.ALB, Map.of(AddOn.SHIELD.annotation(), "false"), cluster);
    assertThat(inactive.isEmpty()).as("nothing was active: no add-on call").isTrue();
    assertThat(GatewayAddOns.removals(STACK, GatewayAddOns.ALB, null, cluster).isEmpty()).isTrue();
  }

  @Test
  void anAddOnWhoseFlagIsOffIsLeftAlone() {
    var cluster = cluster("--enable-shield=false", "--enable-wafv2=false");
    Stack stack =
        GatewayAddOns.removals(
            STACK,
            GatewayAddOns.ALB,
            Map.of(AddOn.WAFV2.annotation(), "true", AddOn.SHIELD.annotation(), "true"),
            cluster);
    assertThat(stack.isEmpty()).isTrue();
  }

  private static Optional<LoadBalancerConfigurationSpec> attributes(String key, String value) {
    var spec = new LoadBalancerConfigurationSpec();
    spec.loadBalancerAttributes = Arrays.asList(new KeyValue("a", "b"), new KeyValue(key, value));
    return Optional.of(spec);
  }

  private static LoadBalancerConfiguration protectedConfig() {
    var config = new LoadBalancerConfiguration();
    config.setSpec(attributes("deletion_protection.enabled", "true").orElseThrow());
    return config;
  }

  private static java.util.function.BiFunction<String, String, Optional<LoadBalancerConfiguration>>
      lookUp(Map<String, LoadBalancerConfiguration> byKey) {
    return (namespace, name) -> Optional.ofNullable(byKey.get(namespace + "/" + name));
  }

  private static Gateway gateway(String parametersRef) {
    var builder =
        new GatewayBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("gw")
            .endMetadata()
            .withNewSpec()
            .withGatewayClassName("alb");
    if (parametersRef != null) {
      builder =
          builder
              .withNewInfrastructure()
              .withNewParametersRef()
              .withGroup("gateway.k8s.aws")
              .withKind("LoadBalancerConfiguration")
              .withName(parametersRef)
              .endParametersRef()
              .endInfrastructure();
    }
    return builder.endSpec().build();
  }

  private static ClusterContext cluster(String... flags) {
    var config = TestConfigs.fromFlags(flags);
    return new ClusterContext(config.clusterName(), "vpc-1", List.of("10.0.0.0/16"), config);
  }
}
