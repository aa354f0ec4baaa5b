package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.webhook.TestCertificates.KeyFormat;
import io.lbc.webhook.core.ServiceMutator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kube-ca-pem-filepath}: only a caller presenting a client certificate that CA signed
 * completes the TLS handshake, as the reference's {@code tls.RequireAndVerifyClientCert}.
 */
class WebhookClientCaTest {
  @TempDir Path dir;
  @TempDir Path clientDir;
  TestCertificates serving;
  TestCertificates clients;
  WebhookServer server;

  @BeforeEach
  void start() {
    serving = TestCertificates.newCa(dir);
    serving.issue(dir.resolve("tls.crt"), dir.resolve("tls.key"), KeyFormat.PKCS8_RSA);
    clients = TestCertificates.newCa(clientDir);
    server =
        WebhookServer.start(
            new WebhookServer.Endpoint(
                new InetSocketAddress("127.0.0.1", 0),
                dir.resolve("tls.crt"),
                dir.resolve("tls.key"),
                Optional.of(clients.caFile())),
            List.of(new ServiceMutator("service.k8s.aws/nlb", true)),
            new WebhookMetrics(new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCallerWithAClientCertificateOfTheCaIsServed() throws Exception {
    clients.issue(
        clientDir.resolve("client.crt"), clientDir.resolve("client.key"), KeyFormat.PKCS8_RSA);
    assertThat(served(clientContext(clients, clientDir))).isTrue();
  }

  @Test
  void aCallerWithoutOneOrWithOneOfAnotherCaIsRefused() throws Exception {
    assertThat(served(TlsClients.trusting(serving.caPem()))).isFalse();
    // signed by the serving CA, not by the client CA
    serving.issue(dir.resolve("other.crt"), dir.resolve("other.key"), KeyFormat.PKCS8_RSA);
    assertThat(served(clientContext(serving, dir, "other"))).isFalse();
  }

  /**
   * Whether a request is answered. TLS 1.3 reports a refused client certificate after the
   * handshake, as an alert (an IOException here) or as the connection closed (end of stream),
   * depending on timing; both are a refusal.
   */
  private boolean served(SSLContext context) {
    try {
      return handshake(context) >= 0;
    } catch (IOException refused) {
      return false;
    }
  }

  private int handshake(SSLContext context) throws IOException {
    try (var socket =
        (SSLSocket)
            context.getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      // TLS 1.3 reports a refused client certificate on the first read, not in the handshake
      socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      socket.getOutputStream().flush();
      return socket.getInputStream().read();
    }
  }

  private SSLContext clientContext(TestCertificates ca, Path certDir) throws Exception {
    return clientContext(ca, certDir, "client");
  }

  private SSLContext clientContext(TestCertificates ca, Path certDir, String name)
      throws Exception {
    Path p12 = certDir.resolve(name + ".p12");
    ca.openssl(
        "pkcs12",
        "-export",
        "-in",
        name + ".crt",
        "-inkey",
        name + ".key",
        "-out",
        p12.toString(),
        "-passout",
        "pass:changeit");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      keys.load(in, "changeit".toCharArray());
    }
    var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", io.lbc.webhook.tls.Pem.certificates(serving.caPem()).get(0));
    var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}
