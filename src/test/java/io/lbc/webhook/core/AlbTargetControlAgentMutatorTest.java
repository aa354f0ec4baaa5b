package io.lbc.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lbc.golden.GoldenFiles;
import io.lbc.k8s.AlbTargetControlConfig;
import io.lbc.k8s.AlbTargetControlConfigSpec;
import io.lbc.webhook.AlbTargetControlLookups;
import io.lbc.webhook.Decision;
import io.lbc.webhook.Denial;
import io.lbc.webhook.Requests;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ALB target control agent webhooks on the cases of {@code
 * golden/webhook-alb-target-control/<case>/input.yaml} (a namespace, configurations, the pod): the
 * decision with its JSON patch in {@code decision.json}.
 */
class AlbTargetControlAgentMutatorTest {
  private static final String FAMILY = "webhook-alb-target-control";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** The objects of a case, as the webhook reads them. */
  record Objects(List<HasMetadata> items) implements AlbTargetControlLookups {
    @Override
    public Optional<Namespace> namespace(String name) {
      return items.stream()
          .filter(i -> i instanceof Namespace && i.getMetadata().getName().equals(name))
          .map(Namespace.class::cast)
          .findFirst();
    }

    @Override
    public Optional<AlbTargetControlConfig> albTargetControlConfig(String namespace) {
      return items.stream()
          .filter(i -> i instanceof AlbTargetControlConfig)
          .map(AlbTargetControlConfig.class::cast)
          .filter(c -> c.getMetadata().getNamespace().equals(namespace))
          .filter(c -> c.getMetadata().getName().equals(AlbTargetControlConfig.NAME))
          .findFirst();
    }

    Pod pod() {
      return items.stream()
          .filter(Pod.class::isInstance)
          .map(Pod.class::cast)
          .findFirst()
          .orElseThrow();
    }
  }

  static Stream<Path> cases() {
    return GoldenFiles.cases(FAMILY).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bothWebhooksDecideAsTheGoldenCase(Path caseDir) throws Exception {
    var serialization = new KubernetesSerialization();
    var objects =
        new Objects(
            GoldenFiles.manifests(caseDir).stream()
                .map(
                    i ->
                        "ALBTargetControlConfig".equals(i.getKind())
                            ? serialization.convertValue(i, AlbTargetControlConfig.class)
                            : i)
                .toList());
    List<Decision> decisions =
        AlbTargetControlAgentMutator.both(objects).stream()
            .map(m -> decide(m, objects.pod()))
            .toList();

    assertThat(decisions.get(1)).as("the two paths decide alike").isEqualTo(decisions.get(0));
    var decision = new LinkedHashMap<String, Object>();
    decision.put("allowed", decisions.get(0).allowed());
    decision.put("code", decisions.get(0).code());
    decision.put("message", decisions.get(0).message());
    decision.put("patch", decisions.get(0).patch());
    GoldenFiles.assertMatches(caseDir, "decision.json", JSON.writeValueAsString(decision) + "\n");
  }

  /** As the endpoint answers: a {@link Denial} refuses. */
  private static Decision decide(AlbTargetControlAgentMutator mutator, Pod pod) {
    try {
      return mutator.admit(Requests.create(pod));
    } catch (Denial denial) {
      return Decision.deny(denial);
    }
  }

  @Test
  void aNamespaceThatCannotBeReadInjectsNothingAndNeitherDoesAConfigurationThatCannotBeRead() {
    var failing =
        new AlbTargetControlLookups() {
          @Override
          public Optional<Namespace> namespace(String name) {
            throw new IllegalStateException("apiserver down");
          }

          @Override
          public Optional<AlbTargetControlConfig> albTargetControlConfig(String namespace) {
            throw new IllegalStateException("apiserver down");
          }
        };
    var pod =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withNamespace("shop")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .endContainer()
            .endSpec()
            .build();
    var mutator =
        new AlbTargetControlAgentMutator(AlbTargetControlAgentMutator.NAMESPACE_PATH, failing);
    assertThat(mutator.admit(Requests.create(pod)).patch()).isEmpty();

    pod.getMetadata().setLabels(Map.of(AlbTargetControlAgentMutator.POD_LABEL, "true"));
    assertThat(mutator.admit(Requests.create(pod)).patch()).isEmpty();
  }

  @Test
  void invalidOverridesAreRefusedNamingTheAnnotation() {
    Map<String, String> cases =
        Map.of(
            AlbTargetControlAgent.MAX_CONCURRENCY, "1001",
            AlbTargetControlAgent.DATA_ADDRESS, "0.0.0.0",
            AlbTargetControlAgent.CONTROL_ADDRESS, "0.0.0.0:x",
            AlbTargetControlAgent.PROTOCOL_VERSION, "HTTP3",
            AlbTargetControlAgent.RUST_LOG, "trace",
            AlbTargetControlAgent.MEMORY_LIMIT, "lots");
    cases.forEach(
        (annotation, value) ->
            assertThatThrownBy(
                    () -> AlbTargetControlAgent.container(config(), Map.of(annotation, value)))
                .isInstanceOf(Denial.class)
                .hasMessageContaining(annotation)
                .hasMessageContaining(value));
  }

  @Test
  void addressesAreAnIpAddressAndAPortAsTheReferenceChecksThem() {
    assertThat(
            Stream.of(
                    "0.0.0.0:80", "10.1.2.3:3000", "[::]:80", "[fe80::1]:443", "[::ffff:1.2.3.4]:1")
                .allMatch(AlbTargetControlAgent::isIpAndPort))
        .isTrue();
    assertThat(
            Stream.of(
                    "localhost:80", "::1:80", "1.2.3:80", "256.1.1.1:80", "1.2.3.4:", "[::1]80", "")
                .noneMatch(AlbTargetControlAgent::isIpAndPort))
        .isTrue();
    assertThat(AlbTargetControlAgent.port("a:b:80"))
        .as("malformed: port 0, as the reference")
        .isZero();
  }

  @Test
  void withoutOverridesTheSidecarIsTheConfiguration() {
    Container agent = AlbTargetControlAgent.container(config(), Map.of());
    assertThat(agent.getEnv())
        .containsExactly(
            new EnvVar("TARGET_CONTROL_DATA_ADDRESS", "0.0.0.0:80", null),
            new EnvVar("TARGET_CONTROL_CONTROL_ADDRESS", "0.0.0.0:3000", null),
            new EnvVar("TARGET_CONTROL_DESTINATION_ADDRESS", "127.0.0.1:8080", null),
            new EnvVar("TARGET_CONTROL_MAX_CONCURRENCY", "1", null));
    assertThat(agent.getResources()).isNull();

    assertThat(
            AlbTargetControlAgent.container(
                    config(), Map.of(AlbTargetControlAgent.MAX_CONCURRENCY, "+07"))
                .getEnv())
        .contains(new EnvVar("TARGET_CONTROL_MAX_CONCURRENCY", "7", null));
  }

  private static AlbTargetControlConfigSpec config() {
    var spec = new AlbTargetControlConfigSpec();
    spec.image = "agent";
    spec.dataAddress = "0.0.0.0:80";
    spec.controlAddress = "0.0.0.0:3000";
    spec.destinationAddress = "127.0.0.1:8080";
    spec.maxConcurrency = 1;
    return spec;
  }
}
