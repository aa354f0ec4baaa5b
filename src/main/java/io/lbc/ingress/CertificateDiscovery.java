package io.lbc.ingress;

import io.lbc.aws.acm.Acm;
import io.lbc.aws.acm.Certificate;
import io.lbc.model.StackKind;
import io.lbc.model.TrackingTags;
import io.lbc.model.UserInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds ACM certificates for the hosts of an Ingress (compat-spec §7). Read-only and cached like
 * the reference: the list of issued certificates for a minute, the names of an imported certificate
 * for five minutes, of an Amazon-issued or private one for ten hours.
 *
 * <p>As the reference: every certificate that covers a host, exactly or by wildcard, is taken, and
 * the result is sorted by ARN, so the default certificate (the first) is the smallest ARN. A
 * cluster moving over keeps the default certificate its listeners already have.
 */
public final class CertificateDiscovery {
  static final Duration ARN_TTL = Duration.ofMinutes(1);
  static final Duration IMPORTED_TTL = Duration.ofMinutes(5);
  static final Duration ISSUED_TTL = Duration.ofHours(10);

  private record Cached<T>(T value, Instant expires) {}

  private final Acm acm;
  private final List<String> allowedCertificateAuthorityArns;
  private final Predicate<String> excluded;
  private final Clock clock;
  private volatile Cached<List<String>> arns;
  private final Map<String, Cached<Set<String>>> domainsByArn = new ConcurrentHashMap<>();

  public CertificateDiscovery(Acm acm, List<String> allowedCertificateAuthorityArns) {
    this(acm, allowedCertificateAuthorityArns, arn -> false, Clock.systemUTC());
  }

  /**
   * @param excluded certificates never discovered: under {@code EnableCertificateManagement}, those
   *     the controller requested itself ({@link #requestedByController})
   */
  public CertificateDiscovery(
      Acm acm, List<String> allowedCertificateAuthorityArns, Predicate<String> excluded) {
    this(acm, allowedCertificateAuthorityArns, excluded, Clock.systemUTC());
  }

  CertificateDiscovery(Acm acm, List<String> allowedCertificateAuthorityArns, Clock clock) {
    this(acm, allowedCertificateAuthorityArns, arn -> false, clock);
  }

  private CertificateDiscovery(
      Acm acm,
      List<String> allowedCertificateAuthorityArns,
      Predicate<String> excluded,
      Clock clock) {
    this.acm = acm;
    this.allowedCertificateAuthorityArns = List.copyOf(allowedCertificateAuthorityArns);
    this.excluded = excluded;
    this.clock = clock;
  }

  /**
   * The reference's filter: a certificate tagged with the keys of an Ingress stack's tags (cluster
   * and stack, whatever their values) was requested by a controller and is not discovered.
   */
  public static Predicate<String> requestedByController(
      Function<String, Map<String, String>> tags) {
    return arn -> {
      Map<String, String> of = tags.apply(arn);
      return of.containsKey(TrackingTags.CLUSTER)
          && of.containsKey(TrackingTags.stackKey(StackKind.INGRESS));
    };
  }

  /**
   * Certificate ARNs covering every host, exactly or by wildcard, sorted by ARN (the reference's
   * sorted set): the first is the listener's default certificate.
   *
   * @param field what to name when a host has no certificate
   * @throws UserInputException when a host has no matching certificate
   */
  public synchronized List<String> discover(String field, Collection<String> hosts) {
    Map<String, Set<String>> domains = domainsOfIssuedCertificates();
    var result = new TreeSet<String>();
    for (String host : new TreeSet<>(hosts)) {
      var forHost = new TreeSet<String>();
      domains.forEach(
          (arn, names) -> {
            if (names.contains(host) || names.stream().anyMatch(n -> wildcardMatches(n, host))) {
              forHost.add(arn);
            }
          });
      if (forHost.isEmpty()) {
        throw new UserInputException(
            field,
            "no issued ACM certificate covers host '"
                + host
                + "'; name a certificate in this annotation or issue one for the host");
      }
      result.addAll(forHost);
    }
    return List.copyOf(result);
  }

  /**
   * {@code *.example.com} covers exactly one more label: {@code a.example.com}, not {@code
   * a.b.example.com}.
   */
  static boolean wildcardMatches(String domain, String host) {
    if (!domain.startsWith("*.")) {
      return false;
    }
    String[] domainLabels = domain.split("\\.", -1);
    String[] hostLabels = host.split("\\.", -1);
    if (domainLabels.length != hostLabels.length) {
      return false;
    }
    for (int i = 1; i < domainLabels.length; i++) {
      if (!domainLabels[i].equals(hostLabels[i])) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Set<String>> domainsOfIssuedCertificates() {
    var result = new java.util.LinkedHashMap<String, Set<String>>();
    for (String arn : issuedArns()) {
      Set<String> names = domains(arn);
      if (!names.isEmpty()) {
        result.put(arn, names);
      }
    }
    return result;
  }

  private List<String> issuedArns() {
    Instant now = clock.instant();
    Cached<List<String>> cached = arns;
    if (cached == null || !now.isBefore(cached.expires())) {
      cached =
          new Cached<>(List.copyOf(acm.listCertificateArns(List.of("ISSUED"))), now.plus(ARN_TTL));
      arns = cached;
    }
    return cached.value();
  }

  private Set<String> domains(String arn) {
    Instant now = clock.instant();
    Cached<Set<String>> cached = domainsByArn.get(arn);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.value();
    }
    Set<String> names = Set.of();
    Duration ttl = IMPORTED_TTL;
    var certificate = acm.describeCertificate(arn);
    if (certificate.isPresent()) {
      Certificate found = certificate.get();
      boolean allowed =
          allowedCertificateAuthorityArns.isEmpty()
              || (found.certificateAuthorityArn() != null
                  && allowedCertificateAuthorityArns.contains(found.certificateAuthorityArn()));
      if (allowed && !excluded.test(arn)) {
        names =
            found.subjectAlternativeNames() != null
                ? Set.copyOf(found.subjectAlternativeNames())
                : Set.of(found.domainName());
      }
      if (!"IMPORTED".equals(found.type())) {
        ttl = ISSUED_TTL;
      }
    }
    domainsByArn.put(arn, new Cached<>(names, now.plus(ttl)));
    return names;
  }
}
