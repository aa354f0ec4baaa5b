package io.lbc.ingress;

import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.k8s.IngressClassParamsSpec;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads one member's listen ports and what it asks of each (compat-spec §1.3 #19–#26, §7):
 * protocol, inbound CIDRs, prefix lists, SSL policy, certificates (explicit, else discovered from
 * its hosts for HTTPS), mutual TLS and listener attributes.
 */
final class PortSettingsReader {
  static final String INBOUND_CIDRS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "inbound-cidrs");
  static final String PREFIX_LISTS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "security-group-prefix-lists");
  static final String CERTIFICATE_ARN =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "certificate-arn");
  static final String SSL_POLICY = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "ssl-policy");
  static final String LISTENER_ATTRIBUTES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "listener-attributes.${Protocol}-${Port}");

  private final CertificateDiscovery certificates;
  private final MutualAuthenticationReader mutualAuthentication;

  PortSettingsReader(CertificateDiscovery certificates, TrustStoreLookup trustStores) {
    this.certificates = certificates;
    this.mutualAuthentication = new MutualAuthenticationReader(trustStores);
  }

  SortedMap<Integer, PortConfig> read(MemberSource source) {
    return read(source, Optional.empty());
  }

  /**
   * @param managedCertificate the certificate the controller requests for the member, if any: it
   *     stands for explicit certificates (a reference to its ARN)
   */
  SortedMap<Integer, PortConfig> read(
      MemberSource source, Optional<ManagedCertificateReader.Request> managedCertificate) {
    List<String> named = explicitCertificates(source);
    List<String> explicitCertificates =
        named.isEmpty() && managedCertificate.isPresent()
            ? List.of(managedCertificate.get().pointer())
            : named;
    SortedMap<Integer, String> protocols =
        source
            .annotations()
            .string(ListenPorts.SUFFIX)
            .map(ListenPorts::parse)
            .orElseGet(() -> ListenPorts.defaults(!explicitCertificates.isEmpty()));
    Optional<Setting<List<String>>> cidrs = inboundCidrs(source);
    Optional<Setting<List<String>>> prefixLists = prefixLists(source);
    Optional<Setting<String>> sslPolicy = sslPolicy(source);
    List<String> httpsCertificates = List.of();
    if (protocols.containsValue("HTTPS")) {
      httpsCertificates = explicitCertificates.isEmpty() ? discover(source) : explicitCertificates;
    }
    SortedMap<Integer, MutualAuthentication> mtls = mutualAuthentication.read(source, protocols);
    var ports = new TreeMap<Integer, PortConfig>();
    for (var entry : protocols.entrySet()) {
      int port = entry.getKey();
      String protocol = entry.getValue();
      boolean https = protocol.equals("HTTPS");
      ports.put(
          port,
          new PortConfig(
              protocol,
              cidrs,
              prefixLists,
              https ? sslPolicy : Optional.empty(),
              https ? httpsCertificates : List.of(),
              https && explicitCertificates.isEmpty(),
              source
                  .annotations()
                  .stringMap(LISTENER_ATTRIBUTES + protocol + "-" + port)
                  .orElse(Map.of()),
              classListenerAttributes(source, protocol, port),
              https
                  ? Optional.ofNullable(mtls.get(port))
                      .map(m -> source.fromAnnotation(MutualAuthenticationReader.SUFFIX, m))
                  : Optional.empty()));
    }
    return Collections.unmodifiableSortedMap(ports);
  }

  static List<String> explicitCertificates(MemberSource source) {
    var params = source.params().map(p -> p.certificateArn).filter(l -> !l.isEmpty());
    if (params.isPresent()) {
      return List.copyOf(params.get());
    }
    return source.annotations().stringList(CERTIFICATE_ARN).orElse(List.of());
  }

  /** Certificates for the hosts of the rules and of {@code spec.tls}. */
  private List<String> discover(MemberSource source) {
    var hosts = ManagedCertificateReader.hosts(source.member().ingress());
    String field = source.annotations().key(CERTIFICATE_ARN);
    if (hosts.isEmpty()) {
      throw new UserInputException(
          field,
          "an HTTPS listen port needs a certificate: name one here, or give the rules hosts so"
              + " that one is discovered in ACM");
    }
    return certificates.discover(field, hosts);
  }

  private static Optional<Setting<List<String>>> inboundCidrs(MemberSource source) {
    var params = source.params().map(p -> p.inboundCIDRs).filter(l -> !l.isEmpty());
    Setting<List<String>> cidrs =
        params
            .map(l -> source.fromParams("inboundCIDRs", List.copyOf(l)))
            .or(
                () ->
                    source
                        .annotations()
                        .stringList(INBOUND_CIDRS)
                        .filter(l -> !l.isEmpty())
                        .map(l -> source.fromAnnotation(INBOUND_CIDRS, l)))
            .orElse(null);
    if (cidrs == null) {
      return Optional.empty();
    }
    for (String cidr : cidrs.value()) {
      if (!Cidrs.valid(cidr)) {
        throw new UserInputException(
            cidrs.field(), "'" + cidr + "' is not a CIDR such as 10.0.0.0/16 or 2001:db8::/32");
      }
    }
    return Optional.of(cidrs);
  }

  private static Optional<Setting<List<String>>> prefixLists(MemberSource source) {
    if (source.params().isPresent()) {
      IngressClassParamsSpec params = source.params().get();
      if (params.prefixListsIDs != null && !params.prefixListsIDs.isEmpty()) {
        return Optional.of(source.fromParams("prefixListsIDs", List.copyOf(params.prefixListsIDs)));
      }
      if (params.legacyPrefixListsIDs != null && !params.legacyPrefixListsIDs.isEmpty()) {
        return Optional.of(
            source.fromParams("PrefixListsIDs", List.copyOf(params.legacyPrefixListsIDs)));
      }
    }
    return source
        .annotations()
        .stringList(PREFIX_LISTS)
        .filter(l -> !l.isEmpty())
        .map(l -> source.fromAnnotation(PREFIX_LISTS, l));
  }

  private static Optional<Setting<String>> sslPolicy(MemberSource source) {
    var params = source.params().map(p -> p.sslPolicy).filter(p -> !p.isEmpty());
    if (params.isPresent()) {
      return Optional.of(source.fromParams("sslPolicy", params.get()));
    }
    return source.annotations().string(SSL_POLICY).map(p -> source.fromAnnotation(SSL_POLICY, p));
  }

  private static Map<String, String> classListenerAttributes(
      MemberSource source, String protocol, int port) {
    var listeners = source.params().map(p -> p.listeners).orElse(List.of());
    for (IngressClassParamsSpec.Listener listener : listeners) {
      if (listener.protocol != null
          && listener.protocol.name().equals(protocol)
          && listener.port != null
          && listener.port == port) {
        return LoadBalancerSettingsReader.attributes(listener.listenerAttributes);
      }
    }
    return Map.of();
  }
}
