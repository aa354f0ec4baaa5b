package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A controller started with {@code --watch-namespace} runs its Gateway controllers in that
 * namespace only, as the reference's manager cache does: an ALB and an NLB Gateway there are
 * programmed, the same Gateways, routes and Services in another namespace are neither acted on nor
 * cached. The apiserver's audit log shows every list and watch of a namespaced kind made with the
 * controller's token scoped to the watched namespace (the orphan sweep's one-off lists of Services
 * and Ingresses aside), the admission webhooks' lookups included: they read Services from the
 * shared cache, so the namespace's Services are listed by two informers only (that cache and the
 * Service controller's own), and the shared Service cache holds the namespace's Services only.
 */
@RigTest
class GatewayWatchNamespaceIT {
  /** Namespaced kinds the Gateway controllers read. */
  private static final Set<String> GATEWAY_KINDS =
      Set.of(
          "gateways",
          "httproutes",
          "grpcroutes",
          "tcproutes",
          "udproutes",
          "tlsroutes",
          "referencegrants",
          "listenersets",
          "loadbalancerconfigurations",
          "targetgroupconfigurations",
          "listenerruleconfigurations");

  /** Namespaced kinds every controller caches. */
  private static final Set<String> CACHED_KINDS =
      Set.of("services", "endpointslices", "endpoints", "pods", "ingresses", "targetgroupbindings");

  @Test
  void aNamespacedControllerProgramsItsNamespacesGatewaysAndNeitherSeesNorCachesOthers(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    String elsewhere = namespace.name() + "-elsewhere";
    try (var world = new GatewayRig(rig, kube, aws, namespace)) {
      String ns = world.ns;
      kube.resource(
              new NamespaceBuilder().withNewMetadata().withName(elsewhere).endMetadata().build())
          .create();
      world.gatewayClass("");
      String nlbClass = world.gatewayClass(GatewayFlavor.NLB);
      for (String where : List.of(ns, elsewhere)) {
        kube.resource(GatewayRig.service(where, "web")).create();
        gateways(kube, where, world.className, nlbClass);
      }
      var kubeconfig = ServiceAccounts.withManifestRoles(rig, kube, ns);
      long auditedBefore = auditLines(rig);
      // the admission webhooks are on (a free port): their lookups read the same scoped caches
      world.start("--kubeconfig=" + kubeconfig);

      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("alb"));
      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("l4"));
      assertThat(world.loadBalancers("alb")).hasSize(1);

      for (String name : List.of("alb", "l4")) {
        Gateway other = kube.resources(Gateway.class).inNamespace(elsewhere).withName(name).get();
        assertThat(other.getMetadata().getFinalizers()).as(name + " finalizers").isNullOrEmpty();
        assertThat(Serialization.asJson(other.getStatus()))
            .as(name + " status")
            .doesNotContain("\"status\":\"True\"");
      }
      for (String route : List.of("httproutes", "tcproutes")) {
        var object =
            kube.genericKubernetesResources("gateway.networking.k8s.io/v1", kindOf(route))
                .inNamespace(elsewhere)
                .withName("to-web")
                .get();
        assertThat(Serialization.asJson(object)).as(route).doesNotContain("gateway.k8s.aws/");
      }
      assertThat(
              aws.elbv2().describeLoadBalancers().loadBalancers().stream()
                  .filter(
                      lb ->
                          world.tags(lb.loadBalancerArn()).values().stream()
                              .anyMatch(v -> v.startsWith(elsewhere + "/")))
                  .toList())
          .as("load balancers of the other namespace's Gateways")
          .isEmpty();

      double cachedServices =
          world
              .controller()
              .registry()
              .get("awslbc.controller.cache.object")
              .tag("resource", "service")
              .functionCounter()
              .count();
      assertThat((int) cachedServices)
          .as("Services in the shared cache")
          .isEqualTo(kube.services().inNamespace(ns).list().getItems().size());

      Set<String> seen = new TreeSet<>();
      Set<String> outside = new TreeSet<>();
      var lists = new TreeMap<String, Integer>();
      for (JsonNode request : audited(rig, auditedBefore, "system:serviceaccount:" + ns + ":lbc")) {
        String verb = request.path("verb").asText();
        JsonNode ref = request.path("objectRef");
        String resource = ref.path("resource").asText();
        boolean gatewayRead =
            GATEWAY_KINDS.contains(resource) && (verb.equals("list") || verb.equals("watch"));
        boolean cacheRead = CACHED_KINDS.contains(resource) && verb.equals("watch");
        String where = ref.path("namespace").asText("");
        String described = verb + " " + resource + " in " + (where.isEmpty() ? "all" : where);
        if (CACHED_KINDS.contains(resource) && verb.equals("list")) {
          lists.merge(described, 1, Integer::sum);
        }
        if (!gatewayRead && !cacheRead) {
          continue;
        }
        (where.equals(ns) ? seen : outside).add(described);
      }
      assertThat(outside).as("reads outside the watched namespace").isEmpty();
      assertThat(seen)
          .as("reads in the watched namespace")
          .contains(
              "watch gateways in " + ns,
              "watch httproutes in " + ns,
              "watch tcproutes in " + ns,
              "watch referencegrants in " + ns,
              "watch services in " + ns,
              "watch targetgroupbindings in " + ns,
              "list tcproutes in " + ns);
      assertThat(lists.get("list services in " + ns))
          .as(
              "informers listing the namespace's Services: the shared slim cache (controllers and"
                  + " webhooks) and the Service controller's primary one, nothing else")
          .isEqualTo(2);

      // the controller releases its Gateways before it stops
      kube.resources(Gateway.class).inNamespace(ns).delete();
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> kube.resources(Gateway.class).inNamespace(ns).list().getItems().isEmpty());
    } finally {
      kube.namespaces().withName(elsewhere).delete();
    }
  }

  /** An ALB Gateway {@code alb} with an HTTPRoute and an NLB Gateway {@code l4} with a TCPRoute. */
  private static void gateways(KubernetesClient kube, String ns, String albClass, String nlbClass) {
    for (String yaml :
        List.of(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {namespace: '%1$s', name: alb}
            spec:
              gatewayClassName: '%2$s'
              listeners: [{name: http, port: 80, protocol: HTTP}]
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {namespace: '%1$s', name: to-web}
            spec:
              parentRefs: [{name: alb}]
              rules: [{backendRefs: [{name: web, port: 80}]}]
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {namespace: '%1$s', name: l4}
            spec:
              gatewayClassName: '%3$s'
              listeners: [{name: tcp, port: 80, protocol: TCP}]
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: TCPRoute
            metadata: {namespace: '%1$s', name: to-web}
            spec:
              parentRefs: [{name: l4}]
              rules: [{backendRefs: [{name: web, port: 80}]}]
            """)) {
      create(kube, yaml, ns, albClass, nlbClass);
    }
  }

  private static void create(
      KubernetesClient kube, String yaml, String ns, String albClass, String nlbClass) {
    kube.resource(
            Serialization.unmarshal(yaml.formatted(ns, albClass, nlbClass), HasMetadata.class))
        .create();
  }

  private static String kindOf(String resource) {
    return resource.equals("httproutes") ? "HTTPRoute" : "TCPRoute";
  }

  private static long auditLines(Rig rig) throws Exception {
    try (var lines = Files.lines(rig.auditLog())) {
      return lines.count();
    }
  }

  /** Requests completed with the user's token after line {@code skip} of the audit log. */
  private static List<JsonNode> audited(Rig rig, long skip, String user) throws Exception {
    var mapper = new ObjectMapper();
    List<String> lines;
    try (var all = Files.lines(rig.auditLog())) {
      lines = all.skip(skip).toList();
    }
    var result = new java.util.ArrayList<JsonNode>();
    for (String line : lines) {
      JsonNode event = mapper.readTree(line);
      if (user.equals(event.path("user").path("username").asText()) && event.has("objectRef")) {
        result.add(event);
      }
    }
    return result;
  }
}
