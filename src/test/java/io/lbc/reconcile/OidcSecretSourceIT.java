package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lbc.config.ControllerConfig.SecretLabel;
import io.lbc.rig.Edits;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-Secret watches against the real apiserver: a watch starts on the first read and stops
 * when no group references the Secret any more; creation, data changes and deletion reconcile the
 * referencing groups' members, nobody else's; with a required label an unlabelled Secret is never
 * seen.
 */
@RigTest
class OidcSecretSourceIT {
  private static final Duration SOON = Duration.ofSeconds(10);
  private final List<ResourceID> reconciled = new CopyOnWriteArrayList<>();
  private OidcSecretSource<Ingress> source;

  private OidcSecretSource<Ingress> start(KubernetesClient kube, Optional<SecretLabel> label) {
    source = new OidcSecretSource<>(kube, label);
    source.setEventHandler((Event e) -> reconciled.add(e.getRelatedCustomResourceID()));
    source.start();
    return source;
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.stop();
    }
  }

  private static void secret(
      KubernetesClient kube, String ns, String name, Map<String, String> labels) {
    kube.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .addToStringData("clientID", "id")
                .addToStringData("clientSecret", "one")
                .build())
        .create();
  }

  @Test
  void watchesOnlyReferencedSecretsAndReconcilesTheGroupsThatReadThem(
      KubernetesClient kube, TestNamespace namespace) {
    String ns = namespace.name();
    start(kube, Optional.empty());
    var key = new OidcSecretSource.SecretKey(ns, "oidc");
    var other = new OidcSecretSource.SecretKey(ns, "other");
    ResourceID shop = new ResourceID("shop", ns);
    ResourceID blog = new ResourceID("blog", ns);

    assertThat(source.get(key)).as("read before it exists").isEmpty();
    source.retain("g1", Set.of(shop), Set.of(key));
    source.retain("g2", Set.of(blog), Set.of(other));
    assertThat(source.watched()).containsExactlyInAnyOrder(key, other);

    secret(kube, ns, "oidc", Map.of());
    await().atMost(SOON).untilAsserted(() -> assertThat(reconciled).contains(shop));
    assertThat(source.get(key)).isPresent();
    assertThat(reconciled).doesNotContain(blog);

    reconciled.clear();
    Edits.edit(
        kube.secrets().inNamespace(ns).withName("oidc"),
        s -> {
          s.getData().put("clientSecret", "dHdv");
          return s;
        });
    await().atMost(SOON).untilAsserted(() -> assertThat(reconciled).contains(shop));

    reconciled.clear();
    Edits.edit(
        kube.secrets().inNamespace(ns).withName("oidc"),
        s -> {
          s.getMetadata().setAnnotations(Map.of("note", "metadata only"));
          return s;
        });
    kube.secrets().inNamespace(ns).withName("oidc").delete();
    await().atMost(SOON).untilAsserted(() -> assertThat(reconciled).contains(shop));
    assertThat(reconciled)
        .as("the metadata-only update reconciled nothing; the deletion did, once")
        .containsExactly(shop);
    await().atMost(SOON).untilAsserted(() -> assertThat(source.get(key)).isEmpty());

    // the reference goes: the watch stops
    source.retain("g1", Set.of(shop), Set.of());
    assertThat(source.watched()).containsExactly(other);
    reconciled.clear();
    secret(kube, ns, "oidc", Map.of());
    await().pollDelay(Duration.ofSeconds(2)).atMost(SOON).until(() -> true);
    assertThat(reconciled).as("nobody references it any more").isEmpty();
  }

  @Test
  void withARequiredLabelAnUnlabelledSecretIsNeverSeen(
      KubernetesClient kube, TestNamespace namespace) {
    String ns = namespace.name();
    start(kube, Optional.of(new SecretLabel("lbc/oidc", "allowed")));
    secret(kube, ns, "plain", Map.of());
    secret(kube, ns, "labelled", Map.of("lbc/oidc", "allowed"));
    var plain = new OidcSecretSource.SecretKey(ns, "plain");
    var labelled = new OidcSecretSource.SecretKey(ns, "labelled");

    assertThat(source.get(plain)).isEmpty();
    assertThat(source.get(labelled)).isPresent();

    ResourceID shop = new ResourceID("shop", ns);
    source.retain("g1", Set.of(shop), Set.of(plain));
    Edits.edit(
        kube.secrets().inNamespace(ns).withName("plain"),
        s -> {
          s.getMetadata().setLabels(Map.of("lbc/oidc", "allowed"));
          return s;
        });
    await().atMost(SOON).untilAsserted(() -> assertThat(source.get(plain)).isPresent());
    assertThat(reconciled)
        .as("labelling it makes it appear: the group is reconciled")
        .contains(shop);
  }
}
