package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.acm.Acm;
import io.lbc.aws.acm.Certificate;
import io.lbc.model.UserInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateDiscoveryTest {
  private static final String FIELD = "alb.ingress.kubernetes.io/certificate-arn";

  /** ACM with a mutable set of issued certificates, counting calls. */
  static final class CountingAcm implements Acm {
    final List<Certificate> certificates = new ArrayList<>();
    int lists;
    int describes;

    void add(String arn, String type, String ca, String... names) {
      certificates.add(new Certificate(arn, names[0], List.of(names), "ISSUED", type, ca));
    }

    @Override
    public List<String> listCertificateArns(List<String> statuses) {
      lists++;
      return certificates.stream()
          .filter(c -> statuses.contains(c.status()))
          .map(Certificate::arn)
          .toList();
    }

    @Override
    public Optional<Certificate> describeCertificate(String arn) {
      describes++;
      return certificates.stream().filter(c -> c.arn().equals(arn)).findFirst();
    }
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final CountingAcm acm = new CountingAcm();
  private final MutableClock clock = new MutableClock();

  @Test
  void everyCertificateCoveringAHostIsTakenSortedByArnAsTheReferenceDoes() {
    acm.add("arn:1-wildcard", "AMAZON_ISSUED", null, "*.example.com");
    acm.add("arn:2-exact", "IMPORTED", null, "shop.example.com");
    acm.add("arn:0-other", "IMPORTED", null, "other.org");
    var discovery = new CertificateDiscovery(acm, List.of(), clock);

    // the wildcard sorts first, so it is the default although an exact certificate exists
    assertThat(discovery.discover(FIELD, Set.of("shop.example.com")))
        .containsExactly("arn:1-wildcard", "arn:2-exact");
    assertThat(discovery.discover(FIELD, Set.of("shop.example.com", "blog.example.com")))
        .containsExactly("arn:1-wildcard", "arn:2-exact");
    assertThat(discovery.discover(FIELD, Set.of("blog.example.com")))
        .containsExactly("arn:1-wildcard");
  }

  @Test
  void theOrderIsTheArnsNotTheOrderOfHostsOrOfTheCertificateList() {
    acm.add("arn:c", "IMPORTED", null, "c.example.com");
    acm.add("arn:a", "IMPORTED", null, "a.example.com");
    acm.add("arn:b", "IMPORTED", null, "b.example.com", "a.example.com");
    var discovery = new CertificateDiscovery(acm, List.of(), clock);

    assertThat(discovery.discover(FIELD, List.of("c.example.com", "a.example.com")))
        .containsExactly("arn:a", "arn:b", "arn:c");
  }

  @Test
  void aWildcardCoversExactlyOneMoreLabel() {
    assertThat(CertificateDiscovery.wildcardMatches("*.example.com", "a.example.com")).isTrue();
    assertThat(CertificateDiscovery.wildcardMatches("*.example.com", "a.b.example.com")).isFalse();
    assertThat(CertificateDiscovery.wildcardMatches("*.example.com", "example.com")).isFalse();
    assertThat(CertificateDiscovery.wildcardMatches("*.example.com", "a.example.org")).isFalse();
    assertThat(CertificateDiscovery.wildcardMatches("example.com", "example.com")).isFalse();
  }

  @Test
  void aHostWithoutCertificateIsAnErrorNamingTheHostAndTheAnnotation() {
    acm.add("arn:1", "AMAZON_ISSUED", null, "a.example.com");
    var discovery = new CertificateDiscovery(acm, List.of(), clock);

    assertThatThrownBy(() -> discovery.discover(FIELD, Set.of("a.example.com", "b.example.com")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(FIELD + ": ")
        .hasMessageContaining("'b.example.com'");
  }

  @Test
  void onlyCertificatesOfAllowedAuthoritiesAreConsidered() {
    acm.add("arn:1-public", "AMAZON_ISSUED", null, "a.example.com");
    acm.add("arn:2-private", "PRIVATE", "arn:ca:private", "a.example.com");
    var discovery = new CertificateDiscovery(acm, List.of("arn:ca:private"), clock);

    assertThat(discovery.discover(FIELD, Set.of("a.example.com"))).containsExactly("arn:2-private");
  }

  @Test
  void cachesTheListForAMinuteAndNamesByCertificateType() {
    acm.add("arn:imported", "IMPORTED", null, "a.example.com");
    acm.add("arn:issued", "AMAZON_ISSUED", null, "b.example.com");
    var discovery = new CertificateDiscovery(acm, List.of(), clock);
    discovery.discover(FIELD, Set.of("a.example.com"));
    discovery.discover(FIELD, Set.of("b.example.com"));
    assertThat(acm.lists).isOne();
    assertThat(acm.describes).isEqualTo(2);

    clock.now = clock.now.plus(Duration.ofMinutes(6));
    discovery.discover(FIELD, Set.of("a.example.com"));
    assertThat(acm.lists).isEqualTo(2);
    assertThat(acm.describes).as("only the imported certificate's names expired").isEqualTo(3);

    clock.now = clock.now.plus(Duration.ofHours(10));
    discovery.discover(FIELD, Set.of("b.example.com"));
    assertThat(acm.describes).isEqualTo(5);
  }

  @Test
  void aCertificateIssuedLaterIsFoundOnceTheListExpires() {
    acm.add("arn:1", "AMAZON_ISSUED", null, "a.example.com");
    var discovery = new CertificateDiscovery(acm, List.of(), clock);
    discovery.discover(FIELD, Set.of("a.example.com"));
    acm.add("arn:2", "AMAZON_ISSUED", null, "new.example.com");

    assertThatThrownBy(() -> discovery.discover(FIELD, Set.of("new.example.com")))
        .isInstanceOf(UserInputException.class);
    clock.now = clock.now.plus(CertificateDiscovery.ARN_TTL);
    assertThat(discovery.discover(FIELD, Set.of("new.example.com"))).containsExactly("arn:2");
  }

  @Test
  void certificatesAControllerRequestedAreNotDiscoveredUnderCertificateManagement() {
    acm.add("arn:1-requested", "AMAZON_ISSUED", null, "shop.example.com");
    acm.add("arn:2-other-cluster", "AMAZON_ISSUED", null, "shop.example.com");
    acm.add("arn:3-user", "AMAZON_ISSUED", null, "shop.example.com");
    var tags =
        java.util.Map.of(
            "arn:1-requested",
            java.util.Map.of("elbv2.k8s.aws/cluster", "c1", "ingress.k8s.aws/stack", "ns/a"),
            "arn:2-other-cluster",
            java.util.Map.of("elbv2.k8s.aws/cluster", "c2", "ingress.k8s.aws/stack", "x"),
            "arn:3-user",
            java.util.Map.of("elbv2.k8s.aws/cluster", "c1"));
    var discovery =
        new CertificateDiscovery(
            acm,
            List.of(),
            CertificateDiscovery.requestedByController(
                arn -> tags.getOrDefault(arn, java.util.Map.of())));

    // as the reference: any certificate carrying the keys of an Ingress stack's tags is left out
    assertThat(discovery.discover(FIELD, Set.of("shop.example.com"))).containsExactly("arn:3-user");
  }
}
