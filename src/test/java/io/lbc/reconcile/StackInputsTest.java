package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.lbc.k8s.ClusterView;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.cache.SlimService;
import io.lbc.service.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What changes a stack's input digest, and what must not. */
class StackInputsTest {
  private static final StackInputs INPUTS = new StackInputs("code-1", TestConfigs.fromFlags());

  private static Ingress ingress(Map<String, String> annotations) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("web")
        .withUid("u-1")
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withIngressClassName("alb")
        .endSpec()
        .build();
  }

  private static Service service(int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("web")
        .withUid("s-1")
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withName("http")
        .withPort(port)
        .endPort()
        .endSpec()
        .build();
  }

  private static String digest(StackInputs inputs, HasMetadata owner, Map<String, String> reads) {
    return inputs.digest(List.of("owner=" + StackInputs.of(owner)), reads).digest();
  }

  @Test
  void theSameInputsGiveTheSameDigestAlsoFromAFreshParseOfTheFlags() {
    var again = new StackInputs("code-1", TestConfigs.fromFlags());
    Map<String, String> reads = Map.of("service/ns/web", StackInputs.of(service(80)));
    assertThat(digest(again, ingress(Map.of("a", "1")), reads))
        .isEqualTo(digest(INPUTS, ingress(Map.of("a", "1")), reads));
    assertThat(StackInputs.configDigest(TestConfigs.fromFlags()))
        .isEqualTo(StackInputs.configDigest(TestConfigs.fromFlags()))
        .as("no identity hash code leaks into the configuration digest")
        .isNotNull();
    assertThat(TestConfigs.fromFlags().toString()).doesNotContainPattern("@[0-9a-f]{6,}");
  }

  @Test
  void anAnnotationChangeChangesTheDigest() {
    assertThat(digest(INPUTS, ingress(Map.of("a", "1")), Map.of()))
        .isNotEqualTo(digest(INPUTS, ingress(Map.of("a", "2")), Map.of()));
  }

  @Test
  void aReferencedServiceChangeChangesTheDigest() {
    Ingress owner = ingress(Map.of());
    assertThat(digest(INPUTS, owner, Map.of("service/ns/web", StackInputs.of(service(80)))))
        .isNotEqualTo(digest(INPUTS, owner, Map.of("service/ns/web", StackInputs.of(service(81)))))
        .isNotEqualTo(digest(INPUTS, owner, Map.of("service/ns/web", "absent")));
  }

  @Test
  void aFlagThatShapesStacksChangesTheDigestButAWorkerCountDoesNot() {
    Ingress owner = ingress(Map.of());
    var otherDefault = new StackInputs("code-1", TestConfigs.fromFlags("--default-ssl-policy=x"));
    var otherTags = new StackInputs("code-1", TestConfigs.fromFlags("--default-tags=team=a"));
    var moreWorkers =
        new StackInputs("code-1", TestConfigs.fromFlags("--ingress-max-concurrent-reconciles=7"));
    String base = digest(INPUTS, owner, Map.of());
    assertThat(digest(otherDefault, owner, Map.of())).isNotEqualTo(base);
    assertThat(digest(otherTags, owner, Map.of())).isNotEqualTo(base);
    assertThat(digest(moreWorkers, owner, Map.of())).isEqualTo(base);
  }

  @Test
  void anotherBuildOfTheControllerChangesTheDigest() {
    var newer = new StackInputs("code-2", TestConfigs.fromFlags());
    Ingress owner = ingress(Map.of());
    assertThat(digest(newer, owner, Map.of())).isNotEqualTo(digest(INPUTS, owner, Map.of()));
  }

  @Test
  void deletionChangesTheDigest() {
    Ingress deleting = ingress(Map.of());
    deleting.getMetadata().setDeletionTimestamp("2026-12-07T00:00:00Z");
    assertThat(digest(INPUTS, deleting, Map.of()))
        .isNotEqualTo(digest(INPUTS, ingress(Map.of()), Map.of()));
  }

  @Test
  void statusBookkeepingAndResourceVersionsDoNotChangeTheDigest() {
    Ingress plain = ingress(Map.of("a", "1"));
    Ingress touched = ingress(Map.of("a", "1"));
    var annotations = new HashMap<>(touched.getMetadata().getAnnotations());
    annotations.put(StackCheckpoints.ANNOTATION, "{}");
    annotations.put(LastGoodVersions.ANNOTATION, "{}");
    touched.getMetadata().setAnnotations(annotations);
    touched.getMetadata().setResourceVersion("42");
    touched.getMetadata().setFinalizers(List.of("group.ingress.k8s.aws/x"));
    touched.setStatus(
        new io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder()
            .withNewLoadBalancer()
            .addNewIngress()
            .withHostname("lb.example.com")
            .endIngress()
            .endLoadBalancer()
            .build());
    assertThat(digest(INPUTS, touched, Map.of())).isEqualTo(digest(INPUTS, plain, Map.of()));
  }

  @Test
  void aCachedServiceReadsTheSameAtAnotherVersionButNotWithAnotherPort() {
    Service before = service(80);
    before.getMetadata().setResourceVersion("1");
    Service after = service(80);
    after.getMetadata().setResourceVersion("2");

    String read = StackInputs.of(SlimService.of(before));

    assertThat(read).doesNotContain("resourceVersion").contains("\"uid\":\"s-1\"");
    assertThat(StackInputs.of(SlimService.of(after))).isEqualTo(read);
    assertThat(StackInputs.of(SlimService.of(service(81)))).isNotEqualTo(read);
  }

  @Test
  void replayingTheRecordedReadsSeesAChangedService() {
    var services = new HashMap<String, Service>(Map.of("web", service(80)));
    ClusterView view = viewOf(services);
    var recording = new RecordingClusterView(view);
    recording.service("ns", "web");
    recording.service("ns", "missing");
    Map<String, String> first = recording.reads();
    assertThat(first).containsOnlyKeys("service/ns/web", "service/ns/missing");
    var keys = INPUTS.digest(List.of(), first).reads();

    assertThat(RecordingClusterView.replay(view, keys)).contains(first);
    services.put("web", service(81));
    assertThat(RecordingClusterView.replay(view, keys).orElseThrow()).isNotEqualTo(first);
    services.put("missing", service(80));
    assertThat(RecordingClusterView.replay(view, keys).orElseThrow().get("service/ns/missing"))
        .isNotEqualTo("absent");
    assertThat(RecordingClusterView.replay(view, List.of("pod/ns/x"))).isEmpty();
  }

  @Test
  void aCheckpointSkipsOnlyWhenEveryOwnerCarriesItAndItIsRecent() {
    var clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    var checkpoints = new StackCheckpoints(null, clock, Duration.ofHours(1));
    String recent =
        "{\"at\":"
            + clock.instant().minusSeconds(60).getEpochSecond()
            + ",\"digest\":\"d\",\"reads\":[]}";
    String old =
        "{\"at\":"
            + clock.instant().minusSeconds(7200).getEpochSecond()
            + ",\"digest\":\"d\",\"reads\":[]}";
    Ingress a = ingress(Map.of(StackCheckpoints.ANNOTATION, recent));
    Ingress b = ingress(Map.of(StackCheckpoints.ANNOTATION, recent));
    b.getMetadata().setUid("u-2");
    Ingress none = ingress(Map.of());
    none.getMetadata().setUid("u-3");
    Ingress stale = ingress(Map.of(StackCheckpoints.ANNOTATION, old));
    Ingress garbled = ingress(Map.of(StackCheckpoints.ANNOTATION, "{not json"));

    assertThat(checkpoints.current(List.of(a, b)))
        .hasValueSatisfying(c -> assertThat(c.digest()).isEqualTo("d"));
    assertThat(checkpoints.current(List.of(a, none))).isEmpty();
    assertThat(checkpoints.current(List.of(stale))).isEmpty();
    assertThat(checkpoints.current(List.of(garbled))).isEmpty();
    assertThat(checkpoints.current(List.of())).isEmpty();
  }

  private static ClusterView viewOf(Map<String, Service> services) {
    return new ClusterView() {
      @Override
      public List<Ingress> ingresses() {
        return List.of();
      }

      @Override
      public Optional<SlimService> service(String namespace, String name) {
        return Optional.ofNullable(services.get(name)).map(SlimService::of);
      }

      @Override
      public Optional<IngressClass> ingressClass(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<IngressClassParams> ingressClassParams(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<Namespace> namespace(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<Secret> secret(String namespace, String name) {
        return Optional.empty();
      }
    };
  }
}
