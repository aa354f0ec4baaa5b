package io.lbc.webhook.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the certificate and key from two PEM files and re-reads them when they change:
 * cert-manager and Secret volume mounts rotate them in place, and the server keeps running. The
 * files are checked (modification time, size, inode) at every TLS handshake; a pair that does not
 * load, for example half-way through a rotation, leaves the previous certificate in service.
 *
 * <p>Each loaded generation has its own alias, so a handshake that chose a certificate before a
 * reload still gets that certificate's own key.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final Logger log = LoggerFactory.getLogger(ReloadingKeyManager.class);
  private static final String ALIAS_PREFIX = "webhook-";

  private final Path certFile;
  private final Path keyFile;
  private final Clock clock;
  private volatile Generation current;
  private volatile Generation previous;
  private Object attemptedStamp = new Object();
  private int generations;

  private record Generation(String alias, ServingCertificate certificate) {}

  public ReloadingKeyManager(Path certFile, Path keyFile, Clock clock) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.clock = clock;
    refresh();
  }

  /** Loads the files if they changed since the last attempt. */
  public synchronized void refresh() {
    Object stamp = stamp();
    if (Objects.equals(stamp, attemptedStamp)) {
      return;
    }
    attemptedStamp = stamp;
    if (stamp == null) {
      log.warn("webhook certificate files missing cert={} key={}", certFile, keyFile);
      return;
    }
    try {
      var certificate = ServingCertificate.read(certFile, keyFile);
      previous = current;
      current = new Generation(ALIAS_PREFIX + (++generations), certificate);
      log.info("loaded webhook certificate {} from {}", certificate.describe(), certFile);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "failed to load webhook certificate from {} and {}; keeping the previous one: {}",
          certFile,
          keyFile,
          e.getMessage());
    }
  }

  /** The certificate in service, if any. */
  public Optional<ServingCertificate> certificate() {
    refresh();
    return Optional.ofNullable(current).map(Generation::certificate);
  }

  /** True when a certificate is loaded and within its validity period. */
  public boolean serving() {
    return certificate().map(c -> c.validAt(clock.instant())).orElse(false);
  }

  private Object stamp() {
    try {
      return List.of(attributes(certFile), attributes(keyFile));
    } catch (IOException e) {
      return null;
    }
  }

  private static List<Object> attributes(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return Arrays.asList(a.lastModifiedTime(), a.size(), a.fileKey());
  }

  private String choose(String keyType) {
    refresh();
    Generation g = current;
    return g != null && g.certificate().key().getAlgorithm().equals(keyType) ? g.alias() : null;
  }

  private Generation generation(String alias) {
    Generation g = current;
    if (g != null && g.alias().equals(alias)) {
      return g;
    }
    Generation p = previous;
    return p != null && p.alias().equals(alias) ? p : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Generation g = generation(alias);
    return g == null ? null : g.certificate().chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Generation g = generation(alias);
    return g == null ? null : g.certificate().key();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
