package io.lbc.gateway.l4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of the Gateway API objects (gateway.networking.k8s.io/v1, as the v1.6 standard CRDs
 * serve them) that the NLB model reads, and nothing more. They are read from the generic objects
 * the apiserver returns, so any served version with these fields reads the same.
 */
public final class GatewayApi {
  public static final String GROUP = "gateway.networking.k8s.io";
  public static final String TCP_ROUTE = "TCPRoute";
  public static final String UDP_ROUTE = "UDPRoute";
  public static final String TLS_ROUTE = "TLSRoute";
  public static final List<String> L4_ROUTE_KINDS = List.of(TCP_ROUTE, TLS_ROUTE, UDP_ROUTE);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private GatewayApi() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Meta(
      String name,
      String namespace,
      String uid,
      Long generation,
      String creationTimestamp,
      Map<String, String> labels,
      Map<String, String> annotations,
      String deletionTimestamp) {
    public long generationOrZero() {
      return generation == null ? 0 : generation;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Gateway(Meta metadata, GatewaySpec spec) {
    public String key() {
      return metadata.namespace() + "/" + metadata.name();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record GatewaySpec(
      String gatewayClassName, List<Listener> listeners, Infrastructure infrastructure) {
    public List<Listener> listenersOrEmpty() {
      return listeners == null ? List.of() : listeners;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Infrastructure(
      Map<String, String> labels, Map<String, String> annotations, LocalRef parametersRef) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LocalRef(String group, String kind, String name) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Listener(
      String name,
      String hostname,
      Integer port,
      String protocol,
      ListenerTls tls,
      AllowedRoutes allowedRoutes) {
    /** Passthrough when the TLS mode says so; Terminate is the API default. */
    public boolean passthrough() {
      return tls != null && "Passthrough".equals(tls.mode());
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ListenerTls(String mode, List<Map<String, Object>> certificateRefs) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AllowedRoutes(RouteNamespaces namespaces, List<RouteGroupKind> kinds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RouteNamespaces(String from, LabelSelector selector) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RouteGroupKind(String group, String kind) {}

  /** A TCPRoute, UDPRoute or TLSRoute: the same shape, hostnames only on TLSRoute. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Route(String kind, Meta metadata, RouteSpec spec) {
    public String key() {
      return metadata.namespace() + "/" + metadata.name();
    }

    public List<ParentRef> parentRefs() {
      return spec == null || spec.parentRefs() == null ? List.of() : spec.parentRefs();
    }

    public List<String> hostnames() {
      return spec == null || spec.hostnames() == null ? List.of() : spec.hostnames();
    }

    public List<Rule> rules() {
      return spec == null || spec.rules() == null ? List.of() : spec.rules();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RouteSpec(List<ParentRef> parentRefs, List<String> hostnames, List<Rule> rules) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ParentRef(
      String group, String kind, String namespace, String name, String sectionName, Integer port) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rule(String name, List<BackendRef> backendRefs) {
    public List<BackendRef> backendRefsOrEmpty() {
      return backendRefs == null ? List.of() : backendRefs;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BackendRef(
      String group, String kind, String namespace, String name, Integer port, Integer weight) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReferenceGrant(Meta metadata, ReferenceGrantSpec spec) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReferenceGrantSpec(List<GrantFrom> from, List<GrantTo> to) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record GrantFrom(String group, String kind, String namespace) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record GrantTo(String group, String kind, String name) {}

  public static Gateway gateway(GenericKubernetesResource resource) {
    return read(resource, Gateway.class);
  }

  public static Route route(GenericKubernetesResource resource) {
    return read(resource, Route.class);
  }

  public static ReferenceGrant referenceGrant(GenericKubernetesResource resource) {
    return read(resource, ReferenceGrant.class);
  }

  public static <T> T read(Object resource, Class<T> type) {
    return MAPPER.convertValue(resource, type);
  }

  static <T> T orDefault(T value, T fallback) {
    return Optional.ofNullable(value).orElse(fallback);
  }
}
