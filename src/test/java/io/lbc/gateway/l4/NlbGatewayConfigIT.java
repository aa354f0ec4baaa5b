package io.lbc.gateway.l4;

import static io.lbc.gateway.l4.NlbGatewayIT.CONVERGED;
import static io.lbc.gateway.l4.NlbGatewayIT.condition;
import static io.lbc.gateway.l4.NlbGatewayIT.create;
import static io.lbc.gateway.l4.NlbGatewayIT.route;
import static io.lbc.gateway.l4.NlbGatewayIT.service;
import static io.lbc.gateway.l4.NlbGatewayIT.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.gateway.GatewayRig;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.reconcile.NlbGatewayReconciler;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The configuration CRDs on an NLB Gateway, against moto and the real apiserver: the Gateway's
 * LoadBalancerConfiguration sets the scheme and the subnets, a TargetGroupConfiguration the health
 * check of its Service's target group; changing either changes the NLB and the target group in
 * place; targetControlPort, which NLB target groups cannot take, is named in a Warning event and a
 * ConfigurationNotApplied condition. The class's configuration with {@code
 * deletion_protection.enabled=true} holds a deleted Gateway (NLB and finalizer kept, Warning
 * event); switched off, the NLB is deleted without resetting its capacity reservation first (no
 * decrease spent: the reservation goes with the NLB).
 */
@RigTest
class NlbGatewayConfigIT {

  @Test
  void loadBalancerAndTargetGroupConfigurationsShapeTheNlbAndFollowChanges(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      String first = world.vpc.privateSubnetIds().get(0);
      String second = world.vpc.privateSubnetIds().get(1);
      kube.resource(service(ns, "echo", 8080, 0)).create();
      world.pods("echo", 1, 8080);
      kube.resource(loadBalancerConfiguration(ns, "internal", List.of(first))).create();
      kube.resource(targetGroupConfiguration(ns, "/ready", 10, 8443)).create();
      world.gatewayClass("");
      world.createGateway(
          "gw",
          """
          infrastructure:
            parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}
          """,
          "{name: tcp, port: 80, protocol: TCP}");
      create(kube, GatewayKinds.TCP_ROUTE, ns, "web", route("gw", "tcp", "echo", 8080));

      LoadBalancer nlb = world.awaitLoadBalancer("gw");
      assertThat(nlb.schemeAsString()).as("the configuration's scheme").isEqualTo("internal");
      assertThat(subnets(nlb)).containsExactly(first);
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                TargetGroup group = onlyGroup(world);
                assertThat(group.healthCheckProtocolAsString()).isEqualTo("HTTP");
                assertThat(group.healthCheckPath()).isEqualTo("/ready");
                assertThat(group.healthCheckIntervalSeconds()).isEqualTo(10);
                assertThat(group.healthyThresholdCount()).isEqualTo(2);
              });
      // targetControlPort is refused loudly: a condition and a Warning event name it
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                Map<String, Object> status = status(kube, GatewayKinds.GATEWAY, ns, "gw");
                assertThat(condition(status, NlbGatewayBuild.NOT_APPLIED)).isEqualTo("True");
                assertThat(status.get("conditions").toString()).contains("targetControlPort");
                assertThat(warnings(kube, ns, NlbGatewayBuild.NOT_APPLIED))
                    .anyMatch(m -> m.contains("targetControlPort"));
              });

      // change both configurations: the NLB gains a subnet, the health check follows
      var lbc = loadBalancerConfiguration(ns, "internal", List.of(first, second));
      kube.resources(LoadBalancerConfiguration.class)
          .inNamespace(ns)
          .withName("lbc")
          .edit(
              c -> {
                c.setSpec(lbc.getSpec());
                return c;
              });
      var tgc = targetGroupConfiguration(ns, "/healthz", 20, null);
      kube.resources(TargetGroupConfiguration.class)
          .inNamespace(ns)
          .withName("echo")
          .edit(
              c -> {
                c.setSpec(tgc.getSpec());
                return c;
              });
      String arn = nlb.loadBalancerArn();
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                LoadBalancer now = world.loadBalancer("gw");
                assertThat(now.loadBalancerArn()).as("changed in place").isEqualTo(arn);
                assertThat(subnets(now)).containsExactlyInAnyOrder(first, second);
                TargetGroup group = onlyGroup(world);
                assertThat(group.healthCheckPath()).isEqualTo("/healthz");
                assertThat(group.healthCheckIntervalSeconds()).isEqualTo(20);
              });
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(
                          condition(
                              status(kube, GatewayKinds.GATEWAY, ns, "gw"),
                              NlbGatewayBuild.NOT_APPLIED))
                      .as("no field left unapplied once targetControlPort is gone")
                      .isNull());
    }
  }

  @Test
  void theClassConfigurationsDeletionProtectionHoldsTheGatewayUntilTheClassDropsIt(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      var controller = world.controller();
      String subnet = world.vpc.privateSubnetIds().get(0);
      kube.resource(service(ns, "echo", 8080, 0)).create();
      world.pods("echo", 1, 8080);
      kube.resource(
              io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                  """
                  apiVersion: gateway.k8s.aws/v1
                  kind: LoadBalancerConfiguration
                  metadata: {namespace: '%s', name: class-lbc}
                  spec:
                    scheme: internal
                    loadBalancerSubnets: [{identifier: %s}]
                    minimumLoadBalancerCapacity: {capacityUnits: 100}
                    loadBalancerAttributes:
                      - {key: deletion_protection.enabled, value: 'true'}
                  """
                      .formatted(ns, subnet),
                  LoadBalancerConfiguration.class))
          .create();
      world.gatewayClass(
          "  parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration,"
              + " namespace: '%1$s', name: class-lbc}\n");
      world.createGateway("gw", "", "{name: tcp, port: 80, protocol: TCP}");
      create(kube, GatewayKinds.TCP_ROUTE, ns, "web", route("gw", "tcp", "echo", 8080));

      LoadBalancer nlb = world.awaitLoadBalancer("gw");
      String arn = nlb.loadBalancerArn();
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(
                        aws.elbv2()
                            .describeCapacityReservation(r -> r.loadBalancerArn(arn))
                            .minimumLoadBalancerCapacity())
                    .isNotNull()
                    .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(100));
                assertThat(gateway(kube, ns).getMetadata().getAnnotations())
                    .containsEntry("gateway.k8s.aws.addon.provisionedcapacity", "true");
              });
      assertThat(
              aws.elbv2().describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes())
          .anyMatch(a -> a.key().equals("deletion_protection.enabled") && a.value().equals("true"));

      // the class's configuration protects the NLB: the Gateway is held with its finalizer
      kube.genericKubernetesResources(GatewayKinds.GATEWAY).inNamespace(ns).withName("gw").delete();
      String refusal =
          "Unable to delete gateway " + ns + "/gw because deletion protection is enabled.";
      await()
          .atMost(CONVERGED)
          .until(() -> warnings(kube, ns, EventReasons.FAILED_BUILD_MODEL).contains(refusal));
      assertThat(gateway(kube, ns).getMetadata().getFinalizers())
          .containsExactly(NlbGatewayReconciler.FINALIZER);
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                var status = status(kube, GatewayKinds.GATEWAY, ns, "gw");
                assertThat(condition(status, "Accepted")).as("the held Gateway").isEqualTo("False");
                assertThat(status.get("conditions").toString()).contains(refusal);
              });
      assertThat(world.loadBalancer("gw")).isNotNull();
      long capacityCalls =
          controller.awsCallsByOperation().getOrDefault("ModifyCapacityReservation", 0L);

      // the class drops its configuration, and with it the protection: the GatewayClass's change
      // re-checks the held Gateway, and the NLB and its stack go (protection turned off first)
      kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class)
          .withName(world.className)
          .edit(
              c -> {
                c.getSpec().setParametersRef(null);
                return c;
              });
      await().atMost(CONVERGED).until(() -> gateway(kube, ns) == null);
      assertThat(world.loadBalancer("gw")).isNull();
      assertThat(
              controller.awsCallsByOperation().getOrDefault("ModifyCapacityReservation", 0L)
                  - capacityCalls)
          .as("no capacity decrease (AWS allows a few a day) spent on an NLB being deleted")
          .isZero();
      await().atMost(CONVERGED).until(() -> world.targetGroups("gw").isEmpty());
    }
  }

  private static io.fabric8.kubernetes.api.model.GenericKubernetesResource gateway(
      KubernetesClient kube, String ns) {
    return kube.genericKubernetesResources(GatewayKinds.GATEWAY)
        .inNamespace(ns)
        .withName("gw")
        .get();
  }

  private static List<String> subnets(LoadBalancer nlb) {
    return nlb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList();
  }

  private static TargetGroup onlyGroup(GatewayRig world) {
    List<TargetGroup> groups = world.targetGroups("gw");
    assertThat(groups).hasSize(1);
    return groups.get(0);
  }

  private static List<String> warnings(KubernetesClient kube, String ns, String reason) {
    return kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()))
        .map(Event::getMessage)
        .toList();
  }

  private static LoadBalancerConfiguration loadBalancerConfiguration(
      String ns, String scheme, List<String> subnets) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        """
        apiVersion: gateway.k8s.aws/v1
        kind: LoadBalancerConfiguration
        metadata: {namespace: '%s', name: lbc}
        spec:
          scheme: %s
          loadBalancerSubnets: [%s]
        """
            .formatted(
                ns,
                scheme,
                String.join(", ", subnets.stream().map(s -> "{identifier: " + s + "}").toList())),
        LoadBalancerConfiguration.class);
  }

  private static TargetGroupConfiguration targetGroupConfiguration(
      String ns, String path, int interval, Integer targetControlPort) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        """
        apiVersion: gateway.k8s.aws/v1
        kind: TargetGroupConfiguration
        metadata: {namespace: '%s', name: echo}
        spec:
          targetReference: {name: echo}
          defaultConfiguration:
            %s
            healthCheckConfig:
              healthCheckProtocol: HTTP
              healthCheckPath: %s
              healthCheckInterval: %d
              healthyThresholdCount: 2
        """
            .formatted(
                ns,
                targetControlPort == null ? "" : "targetControlPort: " + targetControlPort,
                path,
                interval),
        TargetGroupConfiguration.class);
  }
}
