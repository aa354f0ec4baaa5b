package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The configuration side of ALB Gateways against moto and the real apiserver: an HTTPS listener
 * with a certificate discovered in ACM from the route's hostname and a GRPCRoute behind it; a
 * cross-namespace backend refused until a ReferenceGrant allows it; a route from a namespace the
 * listener does not allow left unattached (NotAllowedByListeners); a LoadBalancerConfiguration
 * changing the scheme (a new ALB, the old one deleted) and a TargetGroupConfiguration changing the
 * health check in place.
 */
@RigTest
class GatewayAlbConfigIT {

  @Test
  void httpsWithADiscoveredCertificateServesAGrpcRoute(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      String certificate = AwsFixtures.importCertificate(aws.acm(), "*.example.com");
      AwsFixtures.importCertificate(aws.acm(), "other.org");
      world.app("greeter", 1);
      world.gatewayClass("");
      world.createGateway(
          "gw", "", "{name: https, port: 443, protocol: HTTPS, hostname: grpc.example.com}");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: GRPCRoute
          metadata: {namespace: '%1$s', name: greeter}
          spec:
            parentRefs: [{name: gw}]
            rules:
              - matches: [{method: {service: helloworld.Greeter, method: SayHello}}]
                backendRefs: [{name: greeter, port: 80}]
          """,
          GRPCRoute.class);
      LoadBalancer alb = world.awaitProgrammed("gw");
      assertThat(world.routeReason(GRPCRoute.class, ns, "greeter", "gw", "Accepted"))
          .isEqualTo("True/Accepted");
      Listener https =
          aws.elbv2()
              .describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
              .listeners()
              .get(0);
      assertThat(https.protocolAsString()).isEqualTo("HTTPS");
      assertThat(https.certificates())
          .extracting(c -> c.certificateArn())
          .containsExactly(certificate);
      assertThat(https.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
      var rule = world.rules(https.listenerArn()).get(0);
      assertThat(
              rule.conditions().stream()
                  .filter(c -> c.field().equals("path-pattern"))
                  .findFirst()
                  .orElseThrow()
                  .pathPatternConfig()
                  .values())
          .containsExactly("/helloworld.Greeter/SayHello");
      TargetGroup tg =
          aws.elbv2()
              .describeTargetGroups(
                  r ->
                      r.targetGroupArns(
                          rule.actions()
                              .get(0)
                              .forwardConfig()
                              .targetGroups()
                              .get(0)
                              .targetGroupArn()))
              .targetGroups()
              .get(0);
      assertThat(tg.protocolVersion()).isEqualTo("GRPC");
      assertThat(tg.healthCheckPath()).isEqualTo("/AWS.ALB/healthcheck");
      assertThat(tg.matcher().grpcCode()).isEqualTo("12");
    }
  }

  @Test
  void referenceGrantsAndTheConfigurationCrdsChangeWhatIsBuilt(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).startClusterWide()) {
      String ns = world.ns;
      String backends = ns + "-backends";
      kube.resource(
              new NamespaceBuilder().withNewMetadata().withName(backends).endMetadata().build())
          .create();
      try {
        kube.resource(GatewayRig.service(backends, "web")).create();
        world.gatewayClass("");
        world.create(
            """
            apiVersion: gateway.k8s.aws/v1
            kind: LoadBalancerConfiguration
            metadata: {namespace: '%1$s', name: lbc}
            spec: {scheme: internal}
            """,
            LoadBalancerConfiguration.class);
        world.createGateway(
            "gw",
            """
            infrastructure:
              parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}
            """,
            "{name: http, port: 80, protocol: HTTP}");
        kube.resource(
                Serialization.unmarshal(
                    """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {namespace: '%s', name: cross}
                    spec:
                      parentRefs: [{name: gw}]
                      rules: [{backendRefs: [{name: web, namespace: '%s', port: 80}]}]
                    """
                        .formatted(ns, backends),
                    HTTPRoute.class))
            .create();

        // refused without a grant: the rule answers 500 and no target group is made
        await()
            .atMost(GatewayRig.CONVERGED)
            .until(
                () -> world.routeReason(HTTPRoute.class, ns, "cross", "gw", "ResolvedRefs"),
                r -> r.equals("False/RefNotPermitted"));
        assertThat(world.routeReason(HTTPRoute.class, ns, "cross", "gw", "Accepted"))
            .isEqualTo("True/Accepted");
        LoadBalancer internal = world.awaitProgrammed("gw");
        assertThat(internal.schemeAsString()).isEqualTo("internal");
        Listener http =
            aws.elbv2()
                .describeListeners(r -> r.loadBalancerArn(internal.loadBalancerArn()))
                .listeners()
                .get(0);
        assertThat(
                world
                    .rules(http.listenerArn())
                    .get(0)
                    .actions()
                    .get(0)
                    .fixedResponseConfig()
                    .statusCode())
            .isEqualTo("500");
        assertThat(world.ourTargetGroups()).isEmpty();

        // a route from another namespace: the listener allows only its own (Same); seen because
        // this controller watches every namespace (one watching only ns would not see it)
        kube.resource(
                Serialization.unmarshal(
                    """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {namespace: '%s', name: foreign}
                    spec:
                      parentRefs: [{name: gw, namespace: '%s'}]
                      rules: [{backendRefs: [{name: web, port: 80}]}]
                    """
                        .formatted(backends, ns),
                    HTTPRoute.class))
            .create();
        await()
            .atMost(GatewayRig.CONVERGED)
            .until(
                () -> world.routeReason(HTTPRoute.class, backends, "foreign", "gw", "Accepted"),
                r -> r.equals("False/NotAllowedByListeners"));
        assertThat(world.rules(http.listenerArn())).hasSize(1);
        assertThat(world.ourTargetGroups()).isEmpty();

        // the grant in the backend's namespace lets it through
        kube.resource(
                Serialization.unmarshal(
                    """
                    apiVersion: gateway.networking.k8s.io/v1beta1
                    kind: ReferenceGrant
                    metadata: {namespace: '%s', name: from-routes}
                    spec:
                      from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: '%s'}]
                      to: [{group: '', kind: Service}]
                    """
                        .formatted(backends, ns),
                    ReferenceGrant.class))
            .create();
        await()
            .atMost(GatewayRig.CONVERGED)
            .until(
                () -> world.routeReason(HTTPRoute.class, ns, "cross", "gw", "ResolvedRefs"),
                r -> r.equals("True/ResolvedRefs"));
        await().atMost(GatewayRig.CONVERGED).until(() -> world.ourTargetGroups().size() == 1);
        TargetGroup tg = world.ourTargetGroups().get(0);
        assertThat(tg.healthCheckPath()).isEqualTo("/");

        // a TargetGroupConfiguration of the Service changes the health check in place
        world.create(
            """
            apiVersion: gateway.k8s.aws/v1
            kind: TargetGroupConfiguration
            metadata: {namespace: '%1$s', name: web}
            spec:
              targetReference: {name: web}
              defaultConfiguration:
                healthCheckConfig: {healthCheckPath: /healthz, healthCheckInterval: 10}
            """
                .replace("%1$s", backends),
            TargetGroupConfiguration.class);
        await()
            .atMost(GatewayRig.CONVERGED)
            .until(() -> world.ourTargetGroups().get(0).healthCheckPath(), "/healthz"::equals);
        TargetGroup checked = world.ourTargetGroups().get(0);
        assertThat(checked.targetGroupArn()).isEqualTo(tg.targetGroupArn());
        assertThat(checked.healthCheckIntervalSeconds()).isEqualTo(10);

        // the LoadBalancerConfiguration's scheme: a new internet-facing ALB replaces the internal
        // one
        kube.resources(LoadBalancerConfiguration.class)
            .inNamespace(ns)
            .withName("lbc")
            .edit(
                c -> {
                  c.getSpec().scheme = LoadBalancerConfigurationSpec.Scheme.INTERNET_FACING;
                  return c;
                });
        await()
            .atMost(GatewayRig.CONVERGED)
            .until(
                () -> world.loadBalancers("gw"),
                lbs -> lbs.size() == 1 && lbs.get(0).schemeAsString().equals("internet-facing"));
        LoadBalancer facing = world.loadBalancers("gw").get(0);
        assertThat(facing.loadBalancerArn()).isNotEqualTo(internal.loadBalancerArn());
        await()
            .atMost(GatewayRig.CONVERGED)
            .until(
                () -> world.gateway("gw").getStatus().getAddresses().get(0).getValue(),
                facing.dnsName().toLowerCase()::equals);

        world.deleteAndAwaitNothingLeft("gw");
        assertThat(world.ourTargetGroups()).isEmpty();
        assertThat(
                kube.resources(io.lbc.k8s.TargetGroupBinding.class)
                    .inNamespace(backends)
                    .list()
                    .getItems())
            .as("the binding in the backend's namespace")
            .isEmpty();
      } finally {
        kube.namespaces().withName(backends).delete();
      }
    }
  }
}
