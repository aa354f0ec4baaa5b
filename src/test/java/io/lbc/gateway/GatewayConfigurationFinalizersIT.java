package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The finalizers of the three configuration CRDs against moto and the real apiserver (gateway-spec
 * §1 "Finalizers"): each configuration gets its finalizer; deleting one still in use leaves it
 * Terminating and the Gateway's load balancer as it was; once its user is gone (the route, the
 * Gateway) it is deleted; and deleting the namespace with everything in it completes.
 */
@RigTest
class GatewayConfigurationFinalizersIT {
  private static final Duration HELD = Duration.ofSeconds(12);

  @Test
  void aConfigurationInUseStaysTerminatingUntilItsUserIsGone(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      kube.resource(GatewayRig.service(ns, "web")).create();
      world.gatewayClass("");
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: TargetGroupConfiguration
          metadata: {namespace: '%1$s', name: defaults}
          spec:
            defaultConfiguration: {healthCheckConfig: {healthCheckPath: /ready}}
          """,
          TargetGroupConfiguration.class);
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: LoadBalancerConfiguration
          metadata: {namespace: '%1$s', name: lbc}
          spec:
            scheme: internal
            defaultTargetGroupConfiguration: {name: defaults}
          """,
          LoadBalancerConfiguration.class);
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: TargetGroupConfiguration
          metadata: {namespace: '%1$s', name: web}
          spec:
            targetReference: {name: web}
            defaultConfiguration: {healthCheckConfig: {healthCheckPath: /healthz}}
          """,
          TargetGroupConfiguration.class);
      world.maintenanceRuleConfiguration();
      world.createGateway(
          "gw",
          "infrastructure:\n"
              + "  parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}\n",
          "{name: http, port: 80, protocol: HTTP}");
      String route =
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: shop}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{path: {type: PathPrefix, value: /down}}]
                filters:
                  - type: ExtensionRef
                    extensionRef: {group: gateway.k8s.aws, kind: ListenerRuleConfiguration, name: maintenance}
                backendRefs: [{name: web, port: 80}]
              - matches: [{path: {type: PathPrefix, value: /web}}]
                backendRefs: [{name: web, port: 80}]
          """;
      world.create(route, HTTPRoute.class);

      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(finalizers(kube, LoadBalancerConfiguration.class, ns, "lbc"))
                    .containsExactly(LoadBalancerConfigurationReconciler.FINALIZER);
                assertThat(finalizers(kube, TargetGroupConfiguration.class, ns, "defaults"))
                    .containsExactly(TargetGroupConfigurationReconciler.FINALIZER);
                assertThat(finalizers(kube, TargetGroupConfiguration.class, ns, "web"))
                    .containsExactly(TargetGroupConfigurationReconciler.FINALIZER);
                assertThat(finalizers(kube, ListenerRuleConfiguration.class, ns, "maintenance"))
                    .containsExactly(ListenerRuleConfigurationReconciler.FINALIZER);
              });
      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> world.routeReason(HTTPRoute.class, ns, "shop", "gw", "Accepted"),
              r -> r.equals("True/Accepted"));
      LoadBalancer alb = world.loadBalancers("gw").get(0);
      assertThat(alb.schemeAsString()).isEqualTo("internal");
      String listener =
          aws.elbv2()
              .describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
              .listeners()
              .get(0)
              .listenerArn();
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> assertThat(GatewayRig.withPath(world.rules(listener), "/down")).isPresent());
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(world.ourTargetGroups())
                      .extracting(t -> t.healthCheckPath())
                      .containsExactly("/healthz"));

      // all four deleted while in use: Terminating, their finalizers kept, the ALB as it was
      kube.resources(ListenerRuleConfiguration.class)
          .inNamespace(ns)
          .withName("maintenance")
          .delete();
      kube.resources(TargetGroupConfiguration.class).inNamespace(ns).withName("web").delete();
      kube.resources(TargetGroupConfiguration.class).inNamespace(ns).withName("defaults").delete();
      kube.resources(LoadBalancerConfiguration.class).inNamespace(ns).withName("lbc").delete();
      await()
          .during(HELD)
          .atMost(HELD.plus(GatewayRig.CONVERGED))
          .untilAsserted(
              () -> {
                assertTerminating(kube, LoadBalancerConfiguration.class, ns, "lbc");
                assertTerminating(kube, TargetGroupConfiguration.class, ns, "defaults");
                assertTerminating(kube, TargetGroupConfiguration.class, ns, "web");
                assertTerminating(kube, ListenerRuleConfiguration.class, ns, "maintenance");
              });
      assertThat(world.loadBalancers("gw"))
          .extracting(LoadBalancer::loadBalancerArn, LoadBalancer::schemeAsString)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(alb.loadBalancerArn(), "internal"));
      assertThat(GatewayRig.withPath(world.rules(listener), "/down")).isPresent();
      assertThat(world.ourTargetGroups())
          .extracting(t -> t.healthCheckPath())
          .containsExactly("/healthz");
      assertThat(world.programmed("gw")).isTrue();

      // the route gone: the rule configuration and the Service's configuration go with it; the
      // load balancer configuration and its default target group configuration stay (the Gateway)
      kube.resources(HTTPRoute.class).inNamespace(ns).withName("shop").delete();
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(get(kube, ListenerRuleConfiguration.class, ns, "maintenance")).isNull();
                assertThat(get(kube, TargetGroupConfiguration.class, ns, "web")).isNull();
              });
      assertTerminating(kube, LoadBalancerConfiguration.class, ns, "lbc");
      assertTerminating(kube, TargetGroupConfiguration.class, ns, "defaults");

      // a class naming a configuration keeps it until it no longer does
      String otherClass = "other-" + ns;
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: LoadBalancerConfiguration
          metadata: {namespace: '%1$s', name: classwide}
          spec: {scheme: internal}
          """,
          LoadBalancerConfiguration.class);
      kube.resource(
              io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                  """
                  apiVersion: gateway.networking.k8s.io/v1
                  kind: GatewayClass
                  metadata: {name: '%2$s'}
                  spec:
                    controllerName: gateway.k8s.aws/alb
                    parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: classwide, namespace: '%1$s'}
                  """
                      .formatted(ns, otherClass),
                  GatewayClass.class))
          .create();
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> finalizers(kube, LoadBalancerConfiguration.class, ns, "classwide"),
              f -> f.contains(LoadBalancerConfigurationReconciler.FINALIZER));
      kube.resources(LoadBalancerConfiguration.class)
          .inNamespace(ns)
          .withName("classwide")
          .delete();
      await()
          .during(HELD)
          .atMost(HELD.plus(GatewayRig.CONVERGED))
          .untilAsserted(
              () -> assertTerminating(kube, LoadBalancerConfiguration.class, ns, "classwide"));
      kube.resources(GatewayClass.class)
          .withName(otherClass)
          .edit(
              c -> {
                c.getSpec().setParametersRef(null);
                return c;
              });
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> get(kube, LoadBalancerConfiguration.class, ns, "classwide") == null);
      kube.resources(GatewayClass.class).withName(otherClass).delete();
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> kube.resources(GatewayClass.class).withName(otherClass).get() == null);

      // a new rule configuration and route using it, then the whole namespace deleted: the
      // Gateway's teardown, then every configuration released
      world.maintenanceRuleConfiguration();
      world.create(route, HTTPRoute.class);
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () -> finalizers(kube, ListenerRuleConfiguration.class, ns, "maintenance"),
              f -> f.contains(ListenerRuleConfigurationReconciler.FINALIZER));
      kube.namespaces().withName(ns).delete();
      await()
          .atMost(GatewayRig.CONVERGED.multipliedBy(2))
          .untilAsserted(
              () -> {
                assertThat(world.gateway("gw")).isNull();
                assertThat(
                        kube.resources(LoadBalancerConfiguration.class)
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
                assertThat(
                        kube.resources(TargetGroupConfiguration.class)
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
                assertThat(
                        kube.resources(ListenerRuleConfiguration.class)
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
              });
      assertThat(world.loadBalancers("gw")).as("the Gateway's ALB deleted").isEmpty();
    }
  }

  private static <T extends HasMetadata> T get(
      KubernetesClient kube, Class<T> kind, String ns, String name) {
    return kube.resources(kind).inNamespace(ns).withName(name).get();
  }

  private static <T extends HasMetadata> List<String> finalizers(
      KubernetesClient kube, Class<T> kind, String ns, String name) {
    T object = get(kube, kind, ns, name);
    return object == null || object.getMetadata().getFinalizers() == null
        ? List.of()
        : object.getMetadata().getFinalizers();
  }

  private static <T extends HasMetadata> void assertTerminating(
      KubernetesClient kube, Class<T> kind, String ns, String name) {
    T object = get(kube, kind, ns, name);
    assertThat(object).as(kind.getSimpleName() + " " + name).isNotNull();
    assertThat(object.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(object.getMetadata().getFinalizers()).isNotEmpty();
  }
}
