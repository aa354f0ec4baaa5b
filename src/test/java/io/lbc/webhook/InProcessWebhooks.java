package io.lbc.webhook;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.rig.Rig;
import io.lbc.webhook.TestCertificates.KeyFormat;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The webhooks started in this JVM on a free loopback port with a throw-away CA, and registered in
 * the rig's apiserver from {@code manifests/base/webhooks.yaml} with the service reference turned
 * into {@code https://127.0.0.1:<port><path>}. Each webhook is also limited to the test's
 * namespace, so a configuration left behind could not disturb other tests. Closing deletes the
 * configurations.
 */
final class InProcessWebhooks implements AutoCloseable {
  static final Path MANIFEST = Path.of("manifests", "base", "webhooks.yaml");

  private final KubernetesClient kube;
  private final TestCertificates ca;
  private final Path cert;
  private final Path key;
  private final List<HasMetadata> registered = new ArrayList<>();
  private Webhooks webhooks;

  private InProcessWebhooks(KubernetesClient kube, Path dir) {
    this.kube = kube;
    this.ca = TestCertificates.newCa(dir);
    this.cert = dir.resolve("tls.crt");
    this.key = dir.resolve("tls.key");
  }

  static InProcessWebhooks start(
      KubernetesClient kube,
      Elbv2 elbv2,
      MeterRegistry registry,
      Path dir,
      String namespace,
      Webhooks.Settings settings) {
    var started = new InProcessWebhooks(kube, dir);
    try {
      started.ca.issue(started.cert, started.key, KeyFormat.PKCS1_RSA);
      started.webhooks =
          Webhooks.start(
              new WebhookServer.Endpoint(
                  new InetSocketAddress("127.0.0.1", 0), started.cert, started.key),
              settings,
              kube,
              elbv2,
              registry);
      await().atMost(Duration.ofSeconds(30)).until(started.webhooks::isReady);
      started.register(namespace);
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  private void register(String namespace) {
    int port = webhooks.address().getPort();
    String caBundle =
        Base64.getEncoder().encodeToString(ca.caPem().getBytes(StandardCharsets.US_ASCII));
    for (HasMetadata item : loadManifest(kube)) {
      if (item instanceof MutatingWebhookConfiguration mutating) {
        for (MutatingWebhook webhook : mutating.getWebhooks()) {
          webhook.setClientConfig(toUrl(webhook.getClientConfig(), port, caBundle));
          webhook.setNamespaceSelector(onlyIn(webhook.getNamespaceSelector(), namespace));
        }
      } else if (item instanceof ValidatingWebhookConfiguration validating) {
        for (ValidatingWebhook webhook : validating.getWebhooks()) {
          webhook.setClientConfig(toUrl(webhook.getClientConfig(), port, caBundle));
          webhook.setNamespaceSelector(onlyIn(webhook.getNamespaceSelector(), namespace));
        }
      } else {
        continue; // the Service: nothing routes to it here
      }
      registered.add(kube.resource(item).forceConflicts().serverSideApply());
    }
  }

  /** The objects of the manifest; parsing does not contact the cluster. */
  static List<HasMetadata> loadManifest(KubernetesClient kube) {
    try (InputStream in = Files.newInputStream(Rig.repoRoot().resolve(MANIFEST))) {
      return kube.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebhookClientConfig toUrl(WebhookClientConfig config, int port, String caBundle) {
    String path = config.getService().getPath();
    var result = new WebhookClientConfig();
    result.setUrl("https://127.0.0.1:" + port + path);
    result.setCaBundle(caBundle);
    return result;
  }

  private static LabelSelector onlyIn(LabelSelector selector, String namespace) {
    var result = selector == null ? new LabelSelector() : selector;
    var expressions =
        new ArrayList<>(
            result.getMatchExpressions() == null ? List.of() : result.getMatchExpressions());
    expressions.add(
        new LabelSelectorRequirementBuilder()
            .withKey("kubernetes.io/metadata.name")
            .withOperator("In")
            .withValues(namespace)
            .build());
    result.setMatchExpressions(expressions);
    return result;
  }

  InetSocketAddress address() {
    return webhooks.address();
  }

  String caPem() {
    return ca.caPem();
  }

  /** Writes a new certificate from the same CA over the files; returns its serial. */
  String rotate() {
    return ca.issue(cert, key, KeyFormat.PKCS1_RSA);
  }

  /** Stops the server, as when the controller is down; the configurations stay. */
  void stopServer() {
    if (webhooks != null) {
      webhooks.close();
      webhooks = null;
    }
  }

  @Override
  public void close() {
    for (HasMetadata item : registered) {
      kube.resource(item).delete();
    }
    stopServer();
  }
}
