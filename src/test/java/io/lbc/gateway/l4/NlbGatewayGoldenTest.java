package io.lbc.gateway.l4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.gateway.AlbGatewayBuilder;
import io.lbc.gateway.GatewayConfigurations;
import io.lbc.gateway.ListenerOwner;
import io.lbc.gateway.ListenerSetHandshake;
import io.lbc.gateway.ListenerValidity;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ReferenceGrant;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.golden.SnapshotAcm;
import io.lbc.golden.SnapshotEc2;
import io.lbc.golden.SnapshotElbv2;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackJson;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.TargetGroupSpec;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden builds of NLB Gateways: each case under {@code golden/gateway-nlb/<case>/} holds the
 * Gateway with its routes, Services, ReferenceGrants and Namespaces ({@code input.yaml}), the AWS
 * account ({@code aws.json}), optional flags ({@code flags.txt}), and either the stack and the
 * statuses the build gives ({@code expected-stack.json}, {@code expected-status.json}; statuses as
 * they read once the NLB is active) or {@code expected-error.txt}.
 */
class NlbGatewayGoldenTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static List<String> cases() {
    return GoldenFiles.cases("gateway-nlb").stream().map(p -> p.getFileName().toString()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheExpectedStackAndStatus(String name) throws IOException {
    Path dir = GoldenFiles.root("gateway-nlb").resolve(name);
    AwsSnapshot aws = GoldenFiles.aws(dir);
    ControllerConfig config = TestConfigs.fromFlags(flags(dir));
    var cluster =
        new ClusterContext(config.clusterName(), aws.vpc().vpcId(), aws.vpc().ipv4Cidrs(), config);
    var ec2 = SnapshotEc2.of(aws);
    var builder =
        new NlbGatewayStackBuilder(
            cluster,
            new AlbGatewayBuilder.Readers(
                new SubnetResolver(ec2, cluster),
                new SecurityGroupResolver(ec2, cluster.vpcId()),
                new CertificateDiscovery(
                    new SnapshotAcm(aws), config.build().allowedCertificateAuthorityArns()),
                io.lbc.golden.SnapshotAddOns.of(aws)));
    Path error = dir.resolve("expected-error.txt");
    try {
      NlbGatewayBuild build = builder.build(input(GoldenFiles.manifests(dir), aws, cluster));
      if (Boolean.getBoolean("lbc.update")) {
        Files.deleteIfExists(error);
      }
      assertThat(error).as("the case expects an error, the build succeeded").doesNotExist();
      GoldenFiles.assertMatches(dir, "expected-stack.json", StackJson.toJson(build.stack()));
      GoldenFiles.assertMatches(dir, "expected-status.json", status(build) + "\n");
      Path referenceNames = dir.resolve("reference-names.json");
      if (Files.exists(referenceNames)) {
        // the names the reference computes for the same inputs, checked apart from the golden file
        // so that a rewrite cannot hide a naming change
        Map<String, String> expected =
            JSON.readValue(Files.readString(referenceNames), new TypeReference<>() {});
        assertThat(names(build.stack())).containsAllEntriesOf(expected);
      }
    } catch (UserInputException e) {
      GoldenFiles.assertMatches(dir, "expected-error.txt", e.getMessage() + "\n");
    }
  }

  static NlbGatewayInput input(List<HasMetadata> objects, AwsSnapshot aws, ClusterContext cluster) {
    Gateway gateway = null;
    var routes = new ArrayList<Route>();
    var services = new LinkedHashMap<String, SlimService>();
    var grants = new ArrayList<ReferenceGrant>();
    var namespaces = new LinkedHashMap<String, Map<String, String>>();
    var gatewayClass = new GatewayClass();
    var configurations = new ArrayList<LoadBalancerConfiguration>();
    var targetGroupConfigurations = new ArrayList<TargetGroupConfiguration>();
    var listenerSets = new ArrayList<ListenerSet>();
    for (HasMetadata object : objects) {
      switch (object.getKind()) {
        case "GatewayClass" -> gatewayClass = convert(object, GatewayClass.class);
        case "LoadBalancerConfiguration" ->
            configurations.add(convert(object, LoadBalancerConfiguration.class));
        case "TargetGroupConfiguration" ->
            targetGroupConfigurations.add(convert(object, TargetGroupConfiguration.class));
        case "Gateway" -> gateway = GatewayApi.read(object, Gateway.class);
        case "ListenerSet" -> listenerSets.add(convert(object, ListenerSet.class));
        case "TCPRoute", "UDPRoute", "TLSRoute" -> routes.add(GatewayApi.read(object, Route.class));
        case "ReferenceGrant" -> grants.add(GatewayApi.read(object, ReferenceGrant.class));
        case "Service" ->
            services.put(
                object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(),
                SlimService.of((Service) object));
        case "Namespace" ->
            namespaces.put(
                object.getMetadata().getName(),
                ((Namespace) object).getMetadata().getLabels() == null
                    ? Map.of()
                    : object.getMetadata().getLabels());
        default -> throw new IllegalArgumentException("unexpected kind " + object.getKind());
      }
    }
    assertThat(gateway).as("every case has a Gateway").isNotNull();
    var elbv2 = SnapshotElbv2.of(aws);
    var existing =
        new StackResourceFinder(
                elbv2, new ElbTagCache(elbv2), cluster.clusterName(), cluster.vpcId())
            .loadBalancer(
                NlbGatewayStackBuilder.stackId(
                    gateway.metadata().namespace(), gateway.metadata().name()));
    var configuration =
        GatewayConfigurations.of(
            GatewayApi.typed(gateway),
            gatewayClass,
            (namespace, name) ->
                configurations.stream()
                    .filter(c -> c.getMetadata().getNamespace().equals(namespace))
                    .filter(c -> c.getMetadata().getName().equals(name))
                    .findFirst());
    return new NlbGatewayInput(
        gateway,
        routes,
        services,
        grants,
        namespaces,
        existing,
        configuration,
        targetGroupConfigurations,
        listenerSets);
  }

  private static <T> T convert(HasMetadata object, Class<T> type) {
    return type.isInstance(object)
        ? type.cast(object)
        : io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
            io.fabric8.kubernetes.client.utils.Serialization.asJson(object), type);
  }

  /** The listeners' and routes' statuses, and the Gateway's, once the NLB is active. */
  private static String status(NlbGatewayBuild build) throws IOException {
    var out = new LinkedHashMap<String, Object>();
    out.put("gateway", build.gatewayConditions(true, "<load balancer ARN>"));
    var listeners = new ArrayList<Map<String, Object>>();
    for (var listener : build.listeners()) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("name", listener.name());
      var owner = listener.verdict().owner();
      if (!owner.gateway()) {
        entry.put("listenerSet", owner.namespace() + "/" + owner.name());
      }
      entry.put("supportedKinds", listener.verdict().kinds());
      entry.put("attachedRoutes", listener.attachedRoutes());
      entry.put("conditions", listener.conditions(true));
      listeners.add(entry);
    }
    out.put("listeners", listeners);
    out.put("routes", build.routes());
    if (!build.listenerSets().accepted().isEmpty() || !build.listenerSets().rejected().isEmpty()) {
      var sets = new LinkedHashMap<String, Object>();
      sets.put(
          "accepted",
          build.listenerSets().accepted().stream().map(ListenerSetHandshake::key).toList());
      sets.put(
          "rejected",
          build.listenerSets().rejected().stream().map(ListenerSetHandshake::key).toList());
      sets.put(
          "attachedListenerSets",
          ListenerValidity.attachedListenerSets(build.listenerSets(), build.verdicts()));
      var setsAccepted = new LinkedHashMap<String, String>();
      build
          .listenerSets()
          .accepted()
          .forEach(
              s -> {
                var validity =
                    ListenerValidity.of(
                        ListenerValidity.ownedBy(ListenerOwner.of(s), build.verdicts()));
                setsAccepted.put(
                    ListenerSetHandshake.key(s),
                    (validity.accepted() ? "True/" : "False/") + validity.acceptedReason());
              });
      sets.put("acceptedConditions", setsAccepted);
      out.put("listenerSets", sets);
    }
    out.put("notices", build.notices());
    return JSON.writeValueAsString(out);
  }

  private static Map<String, String> names(Stack stack) {
    var names = new LinkedHashMap<String, String>();
    stack
        .resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class)
        .forEach(r -> names.put(r.id(), r.spec().name()));
    stack
        .resources(ResourceType.TARGET_GROUP, TargetGroupSpec.class)
        .forEach(r -> names.put(r.id(), r.spec().name()));
    return names;
  }

  private static List<String> flags(Path dir) throws IOException {
    Path file = dir.resolve("flags.txt");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }
}
