package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.ALPN_POLICY;
import static io.lbc.service.ServiceAnnotationKeys.LISTENER_ATTRIBUTES;
import static io.lbc.service.ServiceAnnotationKeys.SSL_CERT;
import static io.lbc.service.ServiceAnnotationKeys.SSL_POLICY;

import io.lbc.model.ResourceType;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The spec of one NLB listener: certificates, SSL and ALPN policies for TLS, attributes, tags. */
final class ListenerSpecs {
  private static final Set<String> ALPN_POLICIES =
      Set.of("HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred", "None");

  private final BuildContext context;

  ListenerSpecs(BuildContext context) {
    this.context = context;
  }

  /**
   * @param defaultAction from {@link ListenerActions}
   */
  ListenerSpec build(ListenerPort listener, Action defaultAction) {
    var annotations = context.annotations();
    boolean tls = listener.protocol().equals("TLS");
    List<ListenerSpec.Certificate> certificates = null;
    String sslPolicy = null;
    List<String> alpn = null;
    if (tls) {
      certificates =
          annotations.stringList(SSL_CERT).orElse(List.of()).stream()
              .map(ListenerSpec.Certificate::new)
              .toList();
      sslPolicy = annotations.string(SSL_POLICY).orElse(context.cluster().defaults().sslPolicy());
      alpn = alpnPolicy().map(List::of).orElse(null);
    }
    return new ListenerSpec(
        ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN),
        listener.port(),
        listener.protocol(),
        List.of(defaultAction),
        certificates,
        sslPolicy,
        alpn,
        attributes(listener),
        context.userTags());
  }

  private Optional<String> alpnPolicy() {
    Optional<String> policy = context.annotations().string(ALPN_POLICY);
    if (policy.isPresent() && !ALPN_POLICIES.contains(policy.get())) {
      throw context
          .annotations()
          .invalid(
              ALPN_POLICY,
              "unknown ALPN policy '"
                  + policy.get()
                  + "' (use one of "
                  + ALPN_POLICIES.stream().sorted().toList()
                  + ")");
    }
    return policy;
  }

  /** aws-load-balancer-listener-attributes.{@code <PROTOCOL>-<port>}, sorted by key. */
  private List<Attribute> attributes(ListenerPort listener) {
    String suffix = LISTENER_ATTRIBUTES + listener.protocol() + "-" + listener.port();
    Map<String, String> raw = context.annotations().stringMap(suffix).orElse(Map.of());
    return new TreeMap<>(raw)
        .entrySet().stream().map(e -> new Attribute(e.getKey(), e.getValue())).toList();
  }
}
