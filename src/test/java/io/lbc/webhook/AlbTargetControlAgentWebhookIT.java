package io.lbc.webhook;

import static io.lbc.webhook.ItObjects.pod;
import static io.lbc.webhook.ItObjects.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.AwsClients;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.config.FeatureGate;
import io.lbc.k8s.AlbTargetControlConfig;
import io.lbc.k8s.AlbTargetControlConfigSpec;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.webhook.core.AlbTargetControlAgentMutator;
import io.lbc.webhook.networking.LegacyAnnotationBans;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ALB target control agent webhooks through the real apiserver: registered with the component
 * {@code alb-target-control-agent}, called on pod creation, the created Pod read back with the
 * sidecar the configuration describes. Without the gate the controller does not serve them.
 */
@RigTest
class AlbTargetControlAgentWebhookIT {
  private static final String AGENT = "alb-target-control-agent";

  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static Webhooks.Settings settings(String vpcId, boolean gate) {
    return new Webhooks.Settings(
        "alb",
        "service.k8s.aws/nlb",
        vpcId,
        false,
        false,
        LegacyAnnotationBans.NONE,
        g -> gate && g == FeatureGate.ALB_TARGET_CONTROL_AGENT || g.enabledByDefault());
  }

  private static AlbTargetControlConfig config(
      String namespace, String image, String data, String control) {
    var config = new AlbTargetControlConfig();
    config.getMetadata().setName(AlbTargetControlConfig.NAME);
    config.getMetadata().setNamespace(namespace);
    var spec = new AlbTargetControlConfigSpec();
    spec.image = image;
    spec.dataAddress = data;
    spec.controlAddress = control;
    spec.destinationAddress = "127.0.0.1:8080";
    spec.rustLog = AlbTargetControlConfigSpec.RustLog.INFO;
    spec.resources =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("100m"))
            .addToLimits("memory", new Quantity("512Mi"))
            .build();
    config.setSpec(spec);
    return config;
  }

  private static Pod labelled(String ns, String name, Map<String, String> labels) {
    return pod(ns, name, labels);
  }

  private static Optional<Container> agent(Pod pod) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> AGENT.equals(c.getName()))
        .findFirst();
  }

  private static Map<String, String> env(Container container) {
    var env = new HashMap<String, String>();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }

  private static Map<String, Integer> ports(Container container) {
    var ports = new HashMap<String, Integer>();
    for (ContainerPort port : container.getPorts()) {
      assertThat(port.getProtocol()).isEqualTo("TCP");
      ports.put(port.getName(), port.getContainerPort());
    }
    return ports;
  }

  @Test
  void podsThatAskGetTheSidecarOfTheirConfigurationAndAnInvalidOverrideIsRefused(
      KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    Crds.apply(kube);
    String ns = namespace.name();
    String vpcId = AwsFixtures.clusterVpc(aws.ec2(), "agent-it").vpcId();
    var defaults =
        kube.resource(config("kube-system", "agent:defaults", "0.0.0.0:80", "0.0.0.0:3000"));
    defaults.serverSideApply();
    try (var clients =
            new AwsClients(aws.controllerSettings(vpcId), AwsTestClients.CREDENTIALS, registry);
        var webhooks =
            InProcessWebhooks.start(
                kube,
                new SdkElbv2(clients.elbv2()),
                registry,
                dir,
                ns,
                settings(vpcId, true),
                true)) {
      // the namespace has no label: only a pod labelled inject=true is sent (object webhook), and
      // the configuration is kube-system's
      Pod asked =
          kube.resource(
                  labelled(ns, "asked", Map.of(AlbTargetControlAgentMutator.POD_LABEL, "true")))
              .create();
      Pod notAsked = kube.resource(labelled(ns, "not-asked", Map.of())).create();

      Pod stored = kube.pods().inNamespace(ns).withName(asked.getMetadata().getName()).get();
      Container sidecar = agent(stored).orElseThrow();
      assertThat(stored.getSpec().getContainers())
          .extracting(Container::getName)
          .containsExactly("app", AGENT);
      assertThat(sidecar.getImage()).isEqualTo("agent:defaults");
      assertThat(env(sidecar))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "TARGET_CONTROL_DATA_ADDRESS", "0.0.0.0:80",
                  "TARGET_CONTROL_CONTROL_ADDRESS", "0.0.0.0:3000",
                  "TARGET_CONTROL_DESTINATION_ADDRESS", "127.0.0.1:8080",
                  "TARGET_CONTROL_MAX_CONCURRENCY", "1", // the CRD's default
                  "RUST_LOG", "info"));
      assertThat(ports(sidecar)).isEqualTo(Map.of("data", 80, "control", 3000));
      assertThat(sidecar.getResources().getRequests()).containsEntry("cpu", new Quantity("100m"));
      assertThat(sidecar.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
      assertThat(stored.getMetadata().getAnnotations())
          .containsEntry("elbv2.k8s.aws/alb-target-control-agent-injected", "true");
      assertThat(agent(kube.pods().inNamespace(ns).withName("not-asked").get())).isEmpty();
      assertThat(notAsked.getSpec().getContainers()).hasSize(1);

      // labelled namespace, with its own configuration taking precedence over kube-system's
      kube.resource(config(ns, "agent:own", "0.0.0.0:8081", "0.0.0.0:3001")).create();
      Edits.edit(
          kube.namespaces().withName(ns),
          n -> {
            n.getMetadata()
                .getLabels()
                .put(AlbTargetControlAgentMutator.NAMESPACE_LABEL, "enabled");
            return n;
          });
      Pod inNamespace = kube.resource(labelled(ns, "in-namespace", Map.of())).create();
      Pod optedOut =
          kube.resource(
                  labelled(
                      ns, "opted-out", Map.of(AlbTargetControlAgentMutator.POD_LABEL, "false")))
              .create();
      Container own = agent(inNamespace).orElseThrow();
      assertThat(own.getImage()).isEqualTo("agent:own");
      assertThat(ports(own)).isEqualTo(Map.of("data", 8081, "control", 3001));
      assertThat(agent(optedOut)).isEmpty();

      // a pod that has the sidecar already (created from an injected pod's spec) keeps one
      Pod copy = labelled(ns, "copy", Map.of());
      copy.getSpec().setContainers(List.of(stored.getSpec().getContainers().get(0), sidecar));
      Pod copied = kube.resource(copy).create();
      assertThat(copied.getSpec().getContainers())
          .extracting(Container::getName)
          .containsExactly("app", AGENT);
      assertThat(agent(copied).orElseThrow().getImage()).isEqualTo("agent:defaults");

      // an override that is not valid refuses the pod, naming the annotation
      Pod invalid = labelled(ns, "invalid", Map.of());
      invalid
          .getMetadata()
          .setAnnotations(Map.of("elbv2.k8s.aws/alb-target-control-agent-max-concurrency", "5000"));
      String refused = refusal(() -> kube.resource(invalid).create());
      assertThat(refused)
          .contains("alb-target-control.namespace.elbv2.k8s.aws")
          .contains("elbv2.k8s.aws/alb-target-control-agent-max-concurrency")
          .contains("5000");

      // fails closed: with the server down, pods that would be sent are not created
      webhooks.stopServer();
      String whileDown =
          refusal(() -> kube.resource(labelled(ns, "while-down", Map.of())).create());
      assertThat(whileDown)
          .contains("failed calling webhook \"alb-target-control.namespace.elbv2.k8s.aws\"");
    } finally {
      defaults.delete();
    }
  }

  @Test
  void withoutTheGateTheWebhooksAreNotServed(
      KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) throws Exception {
    Crds.apply(kube);
    String ns = namespace.name();
    String vpcId = AwsFixtures.clusterVpc(aws.ec2(), "agent-off-it").vpcId();
    kube.resource(config(ns, "agent:own", "0.0.0.0:80", "0.0.0.0:3000")).create();
    try (var clients =
            new AwsClients(aws.controllerSettings(vpcId), AwsTestClients.CREDENTIALS, registry);
        var webhooks =
            InProcessWebhooks.start(
                kube, new SdkElbv2(clients.elbv2()), registry, dir, ns, settings(vpcId, false))) {
      Edits.edit(
          kube.namespaces().withName(ns),
          n -> {
            n.getMetadata()
                .getLabels()
                .put(AlbTargetControlAgentMutator.NAMESPACE_LABEL, "enabled");
            return n;
          });
      // the manifests without the component do not register them: the pod goes in untouched
      Pod created =
          kube.resource(labelled(ns, "web", Map.of(AlbTargetControlAgentMutator.POD_LABEL, "true")))
              .create();
      assertThat(created.getSpec().getContainers())
          .extracting(Container::getName)
          .containsExactly("app");

      // and the server has no handler on either path
      var http = TlsClients.http(webhooks.caPem());
      for (String path :
          List.of(
              AlbTargetControlAgentMutator.NAMESPACE_PATH,
              AlbTargetControlAgentMutator.OBJECT_PATH)) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + webhooks.address().getPort() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(404);
      }
    }
  }
}
