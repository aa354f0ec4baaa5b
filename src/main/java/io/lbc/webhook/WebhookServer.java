package io.lbc.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.lbc.webhook.tls.ReloadingKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server the apiserver calls, one path per {@link AdmissionHandler}. Its certificate
 * comes from PEM files that are re-read when they change, so rotation never restarts it.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final int THREADS = 8;

  /**
   * Where to listen and which PEM files hold the serving certificate and its key.
   *
   * @param clientCaFile {@code --kube-ca-pem-filepath}: when present, only callers presenting a
   *     client certificate this CA signed complete the TLS handshake
   */
  public record Endpoint(
      InetSocketAddress address, Path certFile, Path keyFile, Optional<Path> clientCaFile) {
    public Endpoint(InetSocketAddress address, Path certFile, Path keyFile) {
      this(address, certFile, keyFile, Optional.empty());
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor;
  private final ReloadingKeyManager keyManager;

  private WebhookServer(HttpsServer server, ExecutorService executor, ReloadingKeyManager keys) {
    this.server = server;
    this.executor = executor;
    this.keyManager = keys;
  }

  public static WebhookServer start(
      Endpoint endpoint, List<AdmissionHandler> handlers, WebhookMetrics metrics) {
    var keys = new ReloadingKeyManager(endpoint.certFile(), endpoint.keyFile(), Clock.systemUTC());
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      TrustManager[] clientCas = endpoint.clientCaFile().map(WebhookServer::trusting).orElse(null);
      tls.init(new KeyManager[] {keys}, clientCas, null);
      HttpsServer server = HttpsServer.create(endpoint.address(), 64);
      server.setHttpsConfigurator(
          new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
              parameters.setProtocols(PROTOCOLS);
              if (clientCas != null) {
                parameters.setNeedClientAuth(true);
              }
              params.setSSLParameters(parameters);
            }
          });
      for (AdmissionHandler handler : handlers) {
        server.createContext(handler.path(), new AdmissionEndpoint(handler, metrics));
      }
      server.setExecutor(executor);
      server.start();
      var started = new WebhookServer(server, executor, keys);
      log.info(
          "serving admission webhooks address={} paths={}",
          started.address(),
          handlers.stream().map(AdmissionHandler::path).toList());
      return started;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("webhook server cannot listen on " + endpoint.address(), e);
    } catch (GeneralSecurityException e) {
      executor.shutdownNow();
      throw new IllegalStateException("no TLS implementation", e);
    }
  }

  /** The address actually bound (port 0 asks for a free one). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** True while a certificate that is within its validity period is loaded. */
  public boolean servingCertificateValid() {
    return keyManager.serving();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    log.info("stopped webhook server address={}", address());
  }

  /** Trust managers that accept the client certificates the CAs in {@code caFile} signed. */
  private static TrustManager[] trusting(Path caFile) {
    try (var in = java.nio.file.Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new IllegalArgumentException("--kube-ca-pem-filepath: no certificate in " + caFile);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      log.info("webhook callers must present a client certificate signed by {}", caFile);
      return factory.getTrustManagers();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --kube-ca-pem-filepath " + caFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--kube-ca-pem-filepath: " + caFile + " is not a PEM CA: " + e.getMessage(), e);
    }
  }

  private static ThreadFactory daemonThreads() {
    var count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "webhook-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
