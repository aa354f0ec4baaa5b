package io.lbc.gateway.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.gateway.GatewayRig;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * NLB Gateways against moto and the real apiserver with the real Gateway API v1.6.3 CRDs: a TCP and
 * UDP Gateway becomes an NLB with its listeners, target groups and registered pod targets; a TLS
 * passthrough listener becomes a TCP listener; a second reconcile of an unchanged Gateway makes no
 * AWS write; deleting the Gateway leaves nothing tagged with its stack; a refused backend and a
 * route on a listener the class cannot serve get the Gateway API's statuses.
 */
@RigTest
class NlbGatewayIT {
  static final Duration CONVERGED = GatewayRig.CONVERGED;

  @Test
  void tcpAndUdpGatewayBecomesAnNlbWithRegisteredTargetsAndLeavesNothingWhenDeleted(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      var controller = world.controller();
      kube.resource(service(ns, "echo", 8080, 5353)).create();
      List<String> pods = world.pods("echo", 2, 8080);
      world.gatewayClass("");
      world.createGateway(
          "gw",
          "",
          "{name: tcp, port: 80, protocol: TCP}",
          "{name: udp, port: 5300, protocol: UDP}");
      create(kube, GatewayKinds.TCP_ROUTE, ns, "web", route("gw", "tcp", "echo", 8080));
      create(kube, GatewayKinds.UDP_ROUTE, ns, "dns", route("gw", "udp", "echo", 5353));

      LoadBalancer nlb = world.awaitLoadBalancer("gw");
      assertThat(nlb.typeAsString()).isEqualTo("network");
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(listeners(aws, nlb)).containsExactlyInAnyOrder("80/TCP", "5300/UDP"));
      List<TargetGroup> groups = world.targetGroups("gw");
      assertThat(groups)
          .extracting(g -> g.protocolAsString() + ":" + g.port())
          .containsExactlyInAnyOrder("TCP:8080", "UDP:5353");
      Set<String> podIps = pods.stream().map(p -> p.split(":")[0]).collect(Collectors.toSet());
      for (TargetGroup group : groups) {
        await()
            .atMost(CONVERGED)
            .untilAsserted(
                () ->
                    assertThat(aws.targets(group.targetGroupArn()))
                        .extracting(t -> t.split(":")[0])
                        .containsExactlyInAnyOrderElementsOf(podIps));
      }
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                Map<String, Object> status = status(kube, GatewayKinds.GATEWAY, ns, "gw");
                assertThat(condition(status, "Programmed")).isEqualTo("True");
                assertThat(condition(status, "Accepted")).isEqualTo("True");
                assertThat(status.get("addresses").toString())
                    .contains(nlb.dnsName().toLowerCase());
                assertThat(routeAccepted(kube, GatewayKinds.TCP_ROUTE, ns, "web"))
                    .isEqualTo("True");
                assertThat(routeAccepted(kube, GatewayKinds.UDP_ROUTE, ns, "dns"))
                    .isEqualTo("True");
              });

      // an unchanged Gateway reconciled again: no AWS write
      long writes = controller.awsWrites();
      long calls = controller.awsCallsTotal();
      kube.genericKubernetesResources(GatewayKinds.GATEWAY)
          .inNamespace(ns)
          .withName("gw")
          .edit(
              g -> {
                g.getMetadata().setAnnotations(Map.of("touched", "yes"));
                return g;
              });
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(controller.awsCallsTotal())
                    .as("the touch was reconciled")
                    .isGreaterThan(calls);
                assertThat(controller.awsWrites()).isEqualTo(writes);
              });

      world.deleteAndAwaitNothingLeft("gw");
    }
  }

  @Test
  void tlsPassthroughListenerBecomesATcpListenerForwardingToTheTlsRouteBackend(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      kube.resource(service(ns, "shop", 8443, 0)).create();
      String podIp = world.pods("shop", 1, 8443).get(0).split(":")[0];
      world.gatewayClass("");
      world.createGateway(
          "tls",
          "",
          "{name: tls, port: 443, protocol: TLS, hostname: '*.example.com',"
              + " tls: {mode: Passthrough}}");
      var spec = new java.util.LinkedHashMap<String, Object>(route("tls", "tls", "shop", 8443));
      spec.put("hostnames", List.of("shop.example.com"));
      create(kube, GatewayKinds.TLS_ROUTE, ns, "shop", spec);

      LoadBalancer nlb = world.awaitLoadBalancer("tls");
      await()
          .atMost(CONVERGED)
          .untilAsserted(() -> assertThat(listeners(aws, nlb)).containsExactly("443/TCP"));
      List<TargetGroup> groups = world.targetGroups("tls");
      assertThat(groups).extracting(TargetGroup::protocolAsString).containsExactly("TCP");
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(aws.targets(groups.get(0).targetGroupArn()))
                      .extracting(t -> t.split(":")[0])
                      .containsExactly(podIp));
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(routeAccepted(kube, GatewayKinds.TLS_ROUTE, ns, "shop"))
                      .isEqualTo("True"));
      world.deleteAndAwaitNothingLeft("tls");
    }
  }

  /**
   * What the conformance suite's TCPRouteInvalidCrossNamespaceBackendRef and
   * TCPRouteInvalidNonTCPListener check, read back from moto and the apiserver: a route whose only
   * backend is refused leaves its port without an AWS listener while the Gateway listener stays
   * Programmed (the reference's rule: listener Programmed follows the load balancer); a route
   * naming a listener the NLB class cannot serve (HTTP) is NotAllowedByListeners, not
   * NoMatchingParent; a ReferenceGrant then brings the AWS listener.
   */
  @Test
  void refusedBackendLeavesThePortWithoutListenerAndAnHttpListenerAllowsNoRoute(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    String backends = namespace.name() + "-backends";
    kube.namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(backends)
                .endMetadata()
                .build())
        .create();
    try (var world = GatewayRig.nlb(rig, kube, aws, namespace).startClusterWide()) {
      String ns = world.ns;
      kube.resource(service(backends, "echo", 8080, 0)).create();
      world.gatewayClass("");
      world.createGateway(
          "gw",
          "",
          "{name: tcp, port: 80, protocol: TCP}",
          "{name: http, port: 8080, protocol: HTTP}");
      create(
          kube,
          GatewayKinds.TCP_ROUTE,
          ns,
          "cross",
          Map.of(
              "parentRefs",
              List.of(Map.of("name", "gw", "sectionName", "tcp")),
              "rules",
              List.of(
                  Map.of(
                      "backendRefs",
                      List.of(Map.of("name", "echo", "namespace", backends, "port", 8080))))));
      create(kube, GatewayKinds.TCP_ROUTE, ns, "on-http", route("gw", "http", "echo", 8080));

      LoadBalancer nlb = world.awaitProgrammed("gw");
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                Map<String, Object> status = status(kube, GatewayKinds.GATEWAY, ns, "gw");
                Map<String, Object> tcp = listenerStatus(status, "tcp");
                assertThat(condition(tcp, "Programmed")).isEqualTo("True");
                assertThat(tcp.get("attachedRoutes")).isEqualTo(1);
                assertThat(listenerStatus(status, "http").get("attachedRoutes")).isEqualTo(0);
                assertThat(routeCondition(kube, ns, "cross", "Accepted"))
                    .isEqualTo("True/Accepted");
                assertThat(routeCondition(kube, ns, "cross", "ResolvedRefs"))
                    .isEqualTo("False/RefNotPermitted");
                assertThat(routeCondition(kube, ns, "on-http", "Accepted"))
                    .isEqualTo("False/NotAllowedByListeners");
              });
      assertThat(listeners(aws, nlb)).as("no usable backend: no AWS listener on 80").isEmpty();
      assertThat(world.targetGroups("gw")).isEmpty();

      var grant = new GenericKubernetesResource();
      grant.setApiVersion("gateway.networking.k8s.io/v1beta1");
      grant.setKind("ReferenceGrant");
      grant.setMetadata(
          new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
              .withNamespace(backends)
              .withName("from-tcp-routes")
              .build());
      grant.setAdditionalProperty(
          "spec",
          Map.of(
              "from",
              List.of(
                  Map.of(
                      "group", "gateway.networking.k8s.io", "kind", "TCPRoute", "namespace", ns)),
              "to",
              List.of(Map.of("group", "", "kind", "Service"))));
      kube.genericKubernetesResources(GatewayKinds.REFERENCE_GRANT)
          .inNamespace(backends)
          .resource(grant)
          .create();
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(listeners(aws, nlb)).containsExactly("80/TCP");
                assertThat(routeCondition(kube, ns, "cross", "ResolvedRefs"))
                    .isEqualTo("True/ResolvedRefs");
              });
      world.deleteAndAwaitNothingLeft("gw");
    } finally {
      kube.namespaces().withName(backends).delete();
    }
  }

  /**
   * A ClusterIP Service: TCP {@code tcpPort} and, when not 0, UDP {@code udpPort}, each to the same
   * pod port.
   */
  static Service service(String ns, String name, int tcpPort, int udpPort) {
    var spec =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of("app", name))
            .addNewPort()
            .withName("tcp")
            .withProtocol("TCP")
            .withPort(tcpPort)
            .withTargetPort(new IntOrString(tcpPort))
            .endPort();
    if (udpPort != 0) {
      spec =
          spec.addNewPort()
              .withName("udp")
              .withProtocol("UDP")
              .withPort(udpPort)
              .withTargetPort(new IntOrString(udpPort))
              .endPort();
    }
    return spec.endSpec().build();
  }

  static Map<String, Object> route(String gateway, String section, String service, int port) {
    return Map.of(
        "parentRefs",
        List.of(Map.of("name", gateway, "sectionName", section)),
        "rules",
        List.of(Map.of("backendRefs", List.of(Map.of("name", service, "port", port)))));
  }

  static void create(
      KubernetesClient kube,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String ns,
      String name,
      Map<String, Object> spec) {
    var object = new GenericKubernetesResource();
    object.setApiVersion(kind.getGroup() + "/" + kind.getVersion());
    object.setKind(kind.getKind());
    object.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace(ns)
            .withName(name)
            .build());
    object.setAdditionalProperty("spec", spec);
    kube.genericKubernetesResources(kind).inNamespace(ns).resource(object).create();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(
      KubernetesClient kube,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String ns,
      String name) {
    var object = kube.genericKubernetesResources(kind).inNamespace(ns).withName(name).get();
    Object status = object.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static String condition(Map<String, Object> holder, String type) {
    Object conditions = holder.get("conditions");
    if (!(conditions instanceof List<?> list)) {
      return null;
    }
    return list.stream()
        .map(c -> (Map<String, Object>) c)
        .filter(c -> type.equals(c.get("type")))
        .map(c -> String.valueOf(c.get("status")))
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  static String routeAccepted(
      KubernetesClient kube,
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String ns,
      String name) {
    Object parents = status(kube, kind, ns, name).get("parents");
    if (!(parents instanceof List<?> list) || list.isEmpty()) {
      return null;
    }
    return condition((Map<String, Object>) list.get(0), "Accepted");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> listenerStatus(Map<String, Object> gatewayStatus, String name) {
    Object listeners = gatewayStatus.get("listeners");
    if (!(listeners instanceof List<?> list)) {
      return Map.of();
    }
    return list.stream()
        .map(l -> (Map<String, Object>) l)
        .filter(l -> name.equals(l.get("name")))
        .findFirst()
        .orElse(Map.of());
  }

  /** "status/reason" of a condition of the TCPRoute's first parent entry, null when absent. */
  @SuppressWarnings("unchecked")
  static String routeCondition(KubernetesClient kube, String ns, String name, String type) {
    Object parents = status(kube, GatewayKinds.TCP_ROUTE, ns, name).get("parents");
    if (!(parents instanceof List<?> list) || list.isEmpty()) {
      return null;
    }
    Object conditions = ((Map<String, Object>) list.get(0)).get("conditions");
    if (!(conditions instanceof List<?> entries)) {
      return null;
    }
    return entries.stream()
        .map(c -> (Map<String, Object>) c)
        .filter(c -> type.equals(c.get("type")))
        .map(c -> c.get("status") + "/" + c.get("reason"))
        .findFirst()
        .orElse(null);
  }

  static List<String> listeners(AwsTestClients aws, LoadBalancer nlb) {
    return aws
        .elbv2()
        .describeListeners(r -> r.loadBalancerArn(nlb.loadBalancerArn()))
        .listeners()
        .stream()
        .map((Listener l) -> l.port() + "/" + l.protocolAsString())
        .toList();
  }
}
