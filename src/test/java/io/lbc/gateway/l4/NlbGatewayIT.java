package io.lbc.gateway.l4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.GatewayApiCrds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
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
  static final Duration CONVERGED = Duration.ofSeconds(120);
  static final String STACK_TAG = "gateway.k8s.aws.nlb/stack";

  @Test
  void tcpAndUdpGatewayBecomesAnNlbWithRegisteredTargetsAndLeavesNothingWhenDeleted(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    String ns = namespace.name();
    Crds.apply(kube);
    GatewayApiCrds.apply(rig, kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    String className = ns + "-nlb";
    try (var nodes = new KwokNodes(kube, aws.ec2());
        var controller =
            InProcessController.start(rig, aws, vpc.vpcId(), ns, "--default-target-type=ip")) {
      nodes.add(ns + "-a", vpc.privateSubnetIds().get(0));
      kube.resource(Workloads.deployment(ns, "echo", 2, 8080, 1)).create();
      kube.resource(service(ns, "echo", 8080, 5353)).create();
      await().atMost(CONVERGED).until(() -> Workloads.rolledOut(kube, ns, "echo"));
      createClass(kube, className);
      create(
          kube,
          GatewayKinds.GATEWAY,
          ns,
          "gw",
          Map.of(
              "gatewayClassName",
              className,
              "listeners",
              List.of(
                  Map.of("name", "tcp", "port", 80, "protocol", "TCP"),
                  Map.of("name", "udp", "port", 5300, "protocol", "UDP"))));
      create(kube, GatewayKinds.TCP_ROUTE, ns, "web", route("gw", "tcp", "echo", 8080));
      create(kube, GatewayKinds.UDP_ROUTE, ns, "dns", route("gw", "udp", "echo", 5353));

      LoadBalancer nlb =
          await().atMost(CONVERGED).until(() -> nlb(aws, ns + "/gw"), Objects::nonNull);
      assertThat(nlb.typeAsString()).isEqualTo("network");
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(listeners(aws, nlb)).containsExactlyInAnyOrder("80/TCP", "5300/UDP"));
      List<TargetGroup> groups = targetGroups(aws, ns + "/gw");
      assertThat(groups)
          .extracting(g -> g.protocolAsString() + ":" + g.port())
          .containsExactlyInAnyOrder("TCP:8080", "UDP:5353");
      Set<String> podIps =
          Workloads.livePods(kube, ns, "echo").stream()
              .map(p -> p.getStatus().getPodIP())
              .collect(Collectors.toSet());
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

      kube.genericKubernetesResources(GatewayKinds.GATEWAY).inNamespace(ns).withName("gw").delete();
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(
                        kube.genericKubernetesResources(GatewayKinds.GATEWAY)
                            .inNamespace(ns)
                            .withName("gw")
                            .get())
                    .isNull();
                assertThat(nlb(aws, ns + "/gw")).isNull();
                assertThat(targetGroups(aws, ns + "/gw")).isEmpty();
                assertThat(
                        kube.genericKubernetesResources(
                                "elbv2.k8s.aws/v1beta1", "TargetGroupBinding")
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
              });
    } finally {
      kube.genericKubernetesResources(GatewayKinds.GATEWAY_CLASS).withName(className).delete();
    }
  }

  @Test
  void tlsPassthroughListenerBecomesATcpListenerForwardingToTheTlsRouteBackend(
      KubernetesClient kube, AwsTestClients aws, Rig rig, TestNamespace namespace) {
    String ns = namespace.name();
    Crds.apply(kube);
    GatewayApiCrds.apply(rig, kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    String className = ns + "-nlb";
    try (var nodes = new KwokNodes(kube, aws.ec2());
        var controller =
            InProcessController.start(rig, aws, vpc.vpcId(), ns, "--default-target-type=ip")) {
      nodes.add(ns + "-a", vpc.privateSubnetIds().get(0));
      kube.resource(Workloads.deployment(ns, "shop", 1, 8443, 1)).create();
      kube.resource(service(ns, "shop", 8443, 0)).create();
      createClass(kube, className);
      create(
          kube,
          GatewayKinds.GATEWAY,
          ns,
          "tls",
          Map.of(
              "gatewayClassName",
              className,
              "listeners",
              List.of(
                  Map.of(
                      "name",
                      "tls",
                      "port",
                      443,
                      "protocol",
                      "TLS",
                      "hostname",
                      "*.example.com",
                      "tls",
                      Map.of("mode", "Passthrough")))));
      var spec = new java.util.LinkedHashMap<String, Object>(route("tls", "tls", "shop", 8443));
      spec.put("hostnames", List.of("shop.example.com"));
      create(kube, GatewayKinds.TLS_ROUTE, ns, "shop", spec);

      LoadBalancer nlb =
          await().atMost(CONVERGED).until(() -> nlb(aws, ns + "/tls"), Objects::nonNull);
      await()
          .atMost(CONVERGED)
          .untilAsserted(() -> assertThat(listeners(aws, nlb)).containsExactly("443/TCP"));
      List<TargetGroup> groups = targetGroups(aws, ns + "/tls");
      assertThat(groups).extracting(TargetGroup::protocolAsString).containsExactly("TCP");
      String podIp = Workloads.livePods(kube, ns, "shop").get(0).getStatus().getPodIP();
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
      kube.genericKubernetesResources(GatewayKinds.GATEWAY)
          .inNamespace(ns)
          .withName("tls")
          .delete();
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(nlb(aws, ns + "/tls")).isNull();
                assertThat(targetGroups(aws, ns + "/tls")).isEmpty();
              });
    } finally {
      kube.genericKubernetesResources(GatewayKinds.GATEWAY_CLASS).withName(className).delete();
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
    String ns = namespace.name();
    String backends = ns + "-backends";
    Crds.apply(kube);
    GatewayApiCrds.apply(rig, kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    String className = ns + "-nlb";
    kube.namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(backends)
                .endMetadata()
                .build())
        .create();
    try (var nodes = new KwokNodes(kube, aws.ec2());
        var controller =
            InProcessController.start(rig, aws, vpc.vpcId(), null, "--default-target-type=ip")) {
      nodes.add(ns + "-a", vpc.privateSubnetIds().get(0));
      kube.resource(service(backends, "echo", 8080, 0)).create();
      createClass(kube, className);
      create(
          kube,
          GatewayKinds.GATEWAY,
          ns,
          "gw",
          Map.of(
              "gatewayClassName",
              className,
              "listeners",
              List.of(
                  Map.of("name", "tcp", "port", 80, "protocol", "TCP"),
                  Map.of("name", "http", "port", 8080, "protocol", "HTTP"))));
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

      LoadBalancer nlb =
          await().atMost(CONVERGED).until(() -> nlb(aws, ns + "/gw"), Objects::nonNull);
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () -> {
                Map<String, Object> status = status(kube, GatewayKinds.GATEWAY, ns, "gw");
                assertThat(condition(status, "Programmed")).isEqualTo("True");
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
      assertThat(targetGroups(aws, ns + "/gw")).isEmpty();

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
      kube.genericKubernetesResources(GatewayKinds.GATEWAY).inNamespace(ns).withName("gw").delete();
      await().atMost(CONVERGED).until(() -> nlb(aws, ns + "/gw") == null);
    } finally {
      kube.genericKubernetesResources(GatewayKinds.GATEWAY_CLASS).withName(className).delete();
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

  static void createClass(KubernetesClient kube, String name) {
    createClass(kube, name, Map.of());
  }

  /** A class of the NLB controller, with these other spec fields (e.g. parametersRef). */
  static void createClass(KubernetesClient kube, String name, Map<String, Object> spec) {
    var gatewayClass = new GenericKubernetesResource();
    gatewayClass.setApiVersion("gateway.networking.k8s.io/v1");
    gatewayClass.setKind("GatewayClass");
    gatewayClass.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    var all = new java.util.HashMap<String, Object>(spec);
    all.put("controllerName", NlbGatewayStackBuilder.CONTROLLER_NAME);
    gatewayClass.setAdditionalProperty("spec", all);
    kube.genericKubernetesResources(GatewayKinds.GATEWAY_CLASS).resource(gatewayClass).create();
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

  static LoadBalancer nlb(AwsTestClients aws, String stack) {
    for (LoadBalancer lb : aws.elbv2().describeLoadBalancers().loadBalancers()) {
      if (stack.equals(tags(aws, lb.loadBalancerArn()).get(STACK_TAG))) {
        return lb;
      }
    }
    return null;
  }

  static List<TargetGroup> targetGroups(AwsTestClients aws, String stack) {
    return aws.elbv2().describeTargetGroups().targetGroups().stream()
        .filter(g -> stack.equals(tags(aws, g.targetGroupArn()).get(STACK_TAG)))
        .toList();
  }

  static Map<String, String> tags(AwsTestClients aws, String arn) {
    return aws.elbv2().describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
        .flatMap(d -> d.tags().stream())
        .collect(Collectors.toMap(Tag::key, Tag::value));
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
