package io.lbc.webhook;

import io.lbc.webhook.tls.Pem;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Clients that trust only a test CA, as the apiserver trusts only the caBundle. */
public final class TlsClients {
  private TlsClients() {}

  public static SSLContext trusting(String caPem) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", Pem.certificates(caPem).get(0));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpClient http(String caPem) {
    return HttpClient.newBuilder()
        .sslContext(trusting(caPem))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * Opens a fresh TLS connection, checking the name as the apiserver does, and returns the leaf.
   */
  public static X509Certificate servedCertificate(String caPem, InetSocketAddress address)
      throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            trusting(caPem)
                .getSocketFactory()
                .createSocket(address.getHostString(), address.getPort())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
