package io.lbc.ingress;

import io.lbc.model.elbv2.MutualAuthentication;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One listen port's settings merged across the members that listen on it. */
final class PortSettings {
  final int port;
  final Provided<String> protocol;
  Provided<List<String>> inboundCidrs;
  Provided<List<String>> prefixLists;
  Provided<String> sslPolicy;
  Provided<MutualAuthentication> mutualAuthentication;
  final LinkedHashSet<String> certificates = new LinkedHashSet<>();
  final Set<String> discoveredCertificates = new HashSet<>();
  final Map<String, Provided<String>> listenerAttributes = new LinkedHashMap<>();
  final Map<String, String> classListenerAttributes;
  final List<String> members = new ArrayList<>();

  PortSettings(int port, Provided<String> protocol, Map<String, String> classListenerAttributes) {
    this.port = port;
    this.protocol = protocol;
    this.classListenerAttributes = classListenerAttributes;
  }

  /** Throws when the member's settings for this port disagree with the merged ones. */
  void check(MemberPlan plan, PortConfig config) {
    if (!protocol.value().equals(config.protocol())) {
      throw protocol.conflict(ListenPorts.KEY, port + " as " + config.protocol());
    }
    if (config.inboundCidrs().isPresent() && inboundCidrs != null) {
      var later = config.inboundCidrs().get();
      if (!asSet(later.value()).equals(asSet(inboundCidrs.value()))) {
        throw inboundCidrs.conflict(later.field(), later.value());
      }
    }
    if (config.prefixLists().isPresent() && prefixLists != null) {
      var later = config.prefixLists().get();
      if (!asSet(later.value()).equals(asSet(prefixLists.value()))) {
        throw prefixLists.conflict(later.field(), later.value());
      }
    }
    if (config.sslPolicy().isPresent() && sslPolicy != null) {
      var later = config.sslPolicy().get();
      if (!later.value().equals(sslPolicy.value())) {
        throw sslPolicy.conflict(later.field(), later.value());
      }
    }
    if (config.mutualAuthentication().isPresent() && mutualAuthentication != null) {
      var later = config.mutualAuthentication().get();
      if (!later.value().equals(mutualAuthentication.value())) {
        throw mutualAuthentication.conflict(later.field(), later.value());
      }
    }
    String attributesField = listenerAttributesField(config);
    config
        .listenerAttributes()
        .forEach(
            (key, value) -> {
              Provided<String> earlier = listenerAttributes.get(key);
              if (earlier != null
                  && !earlier.value().equals(value)
                  && !classListenerAttributes.containsKey(key)) {
                throw new Provided<>(key + "=" + earlier.value(), earlier.field(), earlier.member())
                    .conflict(attributesField, key + "=" + value);
              }
            });
  }

  void add(MemberPlan plan, PortConfig config) {
    members.add(plan.key());
    if (inboundCidrs == null) {
      inboundCidrs = config.inboundCidrs().map(s -> Provided.of(s, plan)).orElse(null);
    }
    if (prefixLists == null) {
      prefixLists = config.prefixLists().map(s -> Provided.of(s, plan)).orElse(null);
    }
    if (sslPolicy == null) {
      sslPolicy = config.sslPolicy().map(s -> Provided.of(s, plan)).orElse(null);
    }
    if (mutualAuthentication == null) {
      mutualAuthentication =
          config.mutualAuthentication().map(s -> Provided.of(s, plan)).orElse(null);
    }
    // the first member with certificates supplies the default one; the rest follow, deduplicated
    certificates.addAll(config.certificates());
    if (config.certificatesDiscovered()) {
      discoveredCertificates.addAll(config.certificates());
    }
    String field = listenerAttributesField(config);
    config
        .listenerAttributes()
        .forEach((k, v) -> listenerAttributes.put(k, new Provided<>(v, field, plan.key())));
  }

  private String listenerAttributesField(PortConfig config) {
    return "alb.ingress.kubernetes.io/"
        + PortSettingsReader.LISTENER_ATTRIBUTES
        + config.protocol()
        + "-"
        + port;
  }

  boolean https() {
    return protocol.value().equals("HTTPS");
  }

  /** IngressClassParams listener attributes win per key over the annotations. */
  Map<String, String> attributes() {
    var result = new LinkedHashMap<String, String>();
    listenerAttributes.forEach((k, v) -> result.put(k, v.value()));
    result.putAll(classListenerAttributes);
    return result;
  }

  private static Set<String> asSet(List<String> values) {
    return new HashSet<>(values);
  }
}
