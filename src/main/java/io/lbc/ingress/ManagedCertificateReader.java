package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.model.UserInputException;
import io.lbc.model.acm.CertificateSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@code create-acm-cert} and {@code acm-pca-arn} (compat-spec §1.3 #70–71): under the {@code
 * EnableCertificateManagement} gate, an Ingress that asks for it and names no certificate gets its
 * own ACM certificate for all its hosts (first host, sorted, as the domain name), from the
 * annotation's private CA, else {@code --default-pca-arn}'s, else Amazon-issued with DNS
 * validation.
 */
final class ManagedCertificateReader {
  static final String CREATE = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "create-acm-cert");
  static final String PCA_ARN = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "acm-pca-arn");

  /** A certificate the member asks the controller to request. */
  record Request(String id, CertificateSpec spec) {
    Request withTags(Map<String, String> tags) {
      CertificateSpec s = spec;
      return new Request(
          id,
          new CertificateSpec(
              s.type(),
              s.certificateAuthorityARN(),
              s.domainName(),
              s.subjectAlternativeNames(),
              s.validationMethod(),
              Map.copyOf(tags)));
    }

    /** The pointer the listener's certificate list carries until the ARN is known. */
    String pointer() {
      return CertificateSpec.arnOf(id).pointer();
    }
  }

  private final ClusterContext cluster;

  ManagedCertificateReader(ClusterContext cluster) {
    this.cluster = cluster;
  }

  /** Empty when the gate is off, the member does not ask, or it names its certificates. */
  Optional<Request> read(MemberSource source, List<String> explicitCertificates) {
    if (!cluster.enabled(FeatureGate.ENABLE_CERTIFICATE_MANAGEMENT)
        || !source.annotations().bool(CREATE).orElse(false)
        || !explicitCertificates.isEmpty()) {
      return Optional.empty();
    }
    Ingress ingress = source.member().ingress();
    List<String> hosts = hosts(ingress);
    if (hosts.isEmpty()) {
      throw new UserInputException(
          source.annotations().key(CREATE),
          "no host in spec.rules[].host or spec.tls[].hosts: a certificate needs at least one");
    }
    String caArn =
        source
            .annotations()
            .string(PCA_ARN)
            .filter(a -> !a.isEmpty())
            .or(() -> cluster.build().defaultPcaArn())
            .orElse(null);
    String type = caArn == null ? CertificateSpec.AMAZON_ISSUED : CertificateSpec.PRIVATE;
    var spec = new CertificateSpec(type, caArn, hosts.get(0), hosts, "DNS", Map.of());
    return Optional.of(new Request(resourceId(spec, ingress), spec));
  }

  /**
   * {@code <type>/<domain>-<first 8 hex of sha256(ns/name)>}, {@code *} spelled {@code wildcard}
   * (ACM tag values refuse it): the reference's id, so its certificates are adopted.
   */
  static String resourceId(CertificateSpec spec, Ingress ingress) {
    String key = ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
    String hash;
    try {
      hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
              .substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return spec.type().toLowerCase(java.util.Locale.ROOT)
        + "/"
        + spec.domainName().replace("*", "wildcard")
        + "-"
        + hash;
  }

  /** Every host of the rules and of {@code spec.tls}, sorted and distinct. */
  static List<String> hosts(Ingress ingress) {
    var hosts = new TreeSet<String>();
    if (ingress.getSpec() != null) {
      if (ingress.getSpec().getRules() != null) {
        for (IngressRule rule : ingress.getSpec().getRules()) {
          if (rule.getHost() != null && !rule.getHost().isEmpty()) {
            hosts.add(rule.getHost());
          }
        }
      }
      if (ingress.getSpec().getTls() != null) {
        for (IngressTLS tls : ingress.getSpec().getTls()) {
          if (tls.getHosts() != null) {
            tls.getHosts().stream().filter(h -> h != null && !h.isEmpty()).forEach(hosts::add);
          }
        }
      }
    }
    return List.copyOf(hosts);
  }
}
