package io.lbc.webhook;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.webhook.TestCertificates.KeyFormat;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The webhooks started in this JVM on a free loopback port with a throw-away CA and registered in
 * the rig's apiserver ({@link WebhookRegistration}). Closing deletes the registrations and stops
 * the server and the cluster cache its lookups read.
 */
final class InProcessWebhooks implements AutoCloseable {
  private final TestCertificates ca;
  private final Path cert;
  private final Path key;
  private final KubernetesClient kube;
  private Webhooks webhooks;
  private WebhookRegistration registration;

  private InProcessWebhooks(Path dir, KubernetesClient kube) {
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
    return start(kube, elbv2, registry, dir, namespace, settings, false);
  }

  /**
   * @param albTargetControlAgent registers the webhooks of the component {@code
   *     alb-target-control-agent} too
   */
  static InProcessWebhooks start(
      KubernetesClient kube,
      Elbv2 elbv2,
      MeterRegistry registry,
      Path dir,
      String namespace,
      Webhooks.Settings settings,
      boolean albTargetControlAgent) {
    var started = new InProcessWebhooks(dir, kube);
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
      started.registration =
          WebhookRegistration.register(
              kube,
              started.webhooks.address().getPort(),
              started.ca.caPem(),
              namespace,
              albTargetControlAgent);
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
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

  /** Stops the server, as when the controller is down; the registrations stay. */
  void stopServer() {
    if (webhooks != null) {
      webhooks.close();
      webhooks = null;
    }
  }

  /** Removes the registrations, stops the server and the cluster cache its lookups read. */
  @Override
  public void close() {
    if (registration != null) {
      registration.close();
    }
    stopServer();
    ClusterCache.of(kube).close();
  }
}
