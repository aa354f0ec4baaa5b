package io.lbc.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.golden.SnapshotAcm;
import io.lbc.golden.SnapshotEc2;
import io.lbc.golden.SnapshotElbv2;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.model.StackId;
import io.lbc.model.StackJson;
import io.lbc.model.UserInputException;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import io.lbc.service.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden stacks and statuses of ALB Gateways: each case under {@code golden/gateway-alb/<case>/}
 * holds the objects ({@code input.yaml}: one Gateway, its routes, Services, ReferenceGrants,
 * configuration CRDs, an optional GatewayClass with a parametersRef, Namespaces), the AWS account
 * ({@code aws.json}), optional flags ({@code flags.txt}), and the expected {@code
 * expected-stack.json} (or {@code expected-error.txt}) and {@code expected-status.json}: what the
 * listener and route statuses will say.
 */
class AlbGatewayGoldenTest {
  private static final String FAMILY = "gateway-alb";

  static List<String> cases() {
    return GoldenFiles.cases(FAMILY).stream().map(p -> p.getFileName().toString()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheExpectedStackAndStatus(String name) throws IOException {
    Path dir = GoldenFiles.root(FAMILY).resolve(name);
    AwsSnapshot aws = GoldenFiles.aws(dir);
    ControllerConfig config = TestConfigs.fromFlags(flags(dir));
    var cluster =
        new ClusterContext(config.clusterName(), aws.vpc().vpcId(), aws.vpc().ipv4Cidrs(), config);
    List<HasMetadata> objects = GoldenFiles.manifests(dir);
    Gateway gateway = only(objects, Gateway.class).get(0);
    var input =
        new GatewayInput(
            gateway,
            GatewayFlavor.ALB,
            configuration(objects, gateway),
            routes(objects),
            only(objects, Service.class).stream().map(SlimService::of).toList(),
            only(objects, ReferenceGrant.class),
            only(objects, TargetGroupConfiguration.class),
            only(objects, Namespace.class),
            only(objects, ListenerRuleConfiguration.class),
            only(objects, Secret.class),
            only(objects, ListenerSet.class));
    var ec2 = SnapshotEc2.of(aws);
    var elbv2 = SnapshotElbv2.of(aws);
    var existing =
        new StackResourceFinder(
                elbv2, new ElbTagCache(elbv2), cluster.clusterName(), cluster.vpcId())
            .loadBalancer(
                StackId.gateway(
                    GatewayFlavor.ALB.stackKind(),
                    gateway.getMetadata().getNamespace(),
                    gateway.getMetadata().getName()));
    var builder =
        new AlbGatewayBuilder(
            cluster,
            new AlbGatewayBuilder.Readers(
                new SubnetResolver(ec2, cluster),
                new SecurityGroupResolver(ec2, cluster.vpcId()),
                new CertificateDiscovery(
                    new SnapshotAcm(aws), config.build().allowedCertificateAuthorityArns()),
                io.lbc.golden.SnapshotAddOns.of(aws)));
    try {
      GatewayBuild build = builder.build(input, existing);
      if (Boolean.getBoolean("lbc.update")) {
        Files.deleteIfExists(dir.resolve("expected-error.txt"));
      }
      GoldenFiles.assertMatches(dir, "expected-stack.json", StackJson.toJson(build.stack()));
      GoldenFiles.assertMatches(dir, "expected-status.json", status(build));
    } catch (UserInputException e) {
      GoldenFiles.assertMatches(dir, "expected-error.txt", e.getMessage() + "\n");
    }
  }

  /** What the statuses say, in a stable, readable form. */
  static String status(GatewayBuild build) throws IOException {
    var listeners = new ArrayList<Map<String, Object>>();
    for (ListenerState listener : build.listeners()) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("name", listener.name());
      if (!listener.owner().gateway()) {
        entry.put("listenerSet", listener.owner().namespace() + "/" + listener.owner().name());
      }
      entry.put("accepted", listener.accepted());
      entry.put("failure", listener.failure());
      entry.put("message", listener.message());
      entry.put("supportedKinds", listener.kinds());
      entry.put("attachedRoutes", build.attachedRoutes(listener));
      entry.put("portProblem", build.portProblems().get(listener.port()));
      listeners.add(entry);
    }
    var routes = new TreeMap<String, Object>();
    for (RouteAttachment.Parent parent : build.parents()) {
      var entry = new LinkedHashMap<String, Object>();
      RouteVerdict verdict = build.verdict(parent.route());
      if (!parent.attached()) {
        entry.put("accepted", "False/" + parent.failure() + ": " + parent.message());
      } else if (verdict.refused()) {
        entry.put("accepted", "False/" + verdict.refusal() + ": " + verdict.refusalMessage());
      } else {
        entry.put(
            "accepted",
            "True via "
                + parent.listeners().stream()
                    .map(a -> a.listener().name() + a.hostnames())
                    .toList());
      }
      entry.put(
          "resolvedRefs",
          verdict.unresolved() == null
              ? "True"
              : "False/" + verdict.unresolved() + ": " + verdict.unresolvedMessage());
      routes.put(
          parent.route().kind()
              + " "
              + parent.route().key()
              + " parentRefs["
              + parent.index()
              + "]",
          entry);
    }
    var all = new LinkedHashMap<String, Object>();
    all.put("listeners", listeners);
    all.put("routes", routes);
    all.put("notices", build.notices());
    if (!build.listenerSets().accepted().isEmpty() || !build.listenerSets().rejected().isEmpty()) {
      all.put(
          "listenerSets",
          new TreeMap<>(
              Map.of(
                  "accepted",
                  build.listenerSets().accepted().stream().map(ListenerSetHandshake::key).toList(),
                  "rejected",
                  build.listenerSets().rejected().stream()
                      .map(ListenerSetHandshake::key)
                      .toList())));
      all.put(
          "attachedListenerSets",
          ListenerValidity.attachedListenerSets(build.listenerSets(), build.listeners()));
      all.put("gatewayAccepted", accepted(build.listeners()));
      var setsAccepted = new LinkedHashMap<String, String>();
      build
          .listenerSets()
          .accepted()
          .forEach(
              s ->
                  setsAccepted.put(
                      ListenerSetHandshake.key(s),
                      accepted(ListenerValidity.ownedBy(ListenerOwner.of(s), build.listeners()))));
      all.put("listenerSetsAccepted", setsAccepted);
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all)
        + "\n";
  }

  /** The Accepted condition's status and reason over these listeners (gateway-spec §2.1, §2.3). */
  static String accepted(List<ListenerState> listeners) {
    ListenerValidity validity = ListenerValidity.of(listeners);
    return (validity.accepted() ? "True/" : "False/") + validity.acceptedReason();
  }

  private static Optional<LoadBalancerConfigurationSpec> configuration(
      List<HasMetadata> objects, Gateway gateway) {
    List<LoadBalancerConfiguration> configs = only(objects, LoadBalancerConfiguration.class);
    Optional<LoadBalancerConfigurationSpec> classLevel =
        only(objects, GatewayClass.class).stream()
            .map(c -> c.getSpec().getParametersRef())
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .flatMap(ref -> find(configs, ref.getNamespace(), ref.getName()));
    var infrastructure = gateway.getSpec().getInfrastructure();
    Optional<LoadBalancerConfigurationSpec> gatewayLevel =
        infrastructure == null || infrastructure.getParametersRef() == null
            ? Optional.empty()
            : find(
                configs,
                gateway.getMetadata().getNamespace(),
                infrastructure.getParametersRef().getName());
    return LoadBalancerConfigMerge.merge(classLevel, gatewayLevel);
  }

  private static Optional<LoadBalancerConfigurationSpec> find(
      List<LoadBalancerConfiguration> configs, String namespace, String name) {
    return configs.stream()
        .filter(
            c ->
                c.getMetadata().getName().equals(name)
                    && c.getMetadata().getNamespace().equals(namespace))
        .map(LoadBalancerConfiguration::getSpec)
        .findFirst();
  }

  private static List<RouteView> routes(List<HasMetadata> objects) {
    var routes = new ArrayList<RouteView>();
    only(objects, HTTPRoute.class).forEach(r -> routes.add(RouteView.of(r)));
    only(objects, GRPCRoute.class).forEach(r -> routes.add(RouteView.of(r)));
    return routes;
  }

  /** Objects of the type; our own CRD kinds arrive as generic resources and are converted. */
  private static <T> List<T> only(List<HasMetadata> objects, Class<T> type) {
    var result = new ArrayList<T>();
    for (HasMetadata object : objects) {
      if (type.isInstance(object)) {
        result.add(type.cast(object));
      } else if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource generic
          && generic.getKind().equals(type.getSimpleName())) {
        result.add(
            io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(generic), type));
      }
    }
    return result;
  }

  private static List<String> flags(Path dir) throws IOException {
    Path file = dir.resolve("flags.txt");
    return Files.exists(file)
        ? Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList()
        : List.of();
  }
}
