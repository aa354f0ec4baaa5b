package io.lbc.gateway.l4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.lbc.gateway.RouteView;
import io.lbc.k8s.gateway.L4RouteSpec;
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
      String gatewayClassName,
      List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener> listeners,
      Infrastructure infrastructure,
      io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedListeners allowedListeners) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Infrastructure(
      Map<String, String> labels, Map<String, String> annotations, LocalRef parametersRef) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LocalRef(String group, String kind, String name) {}

  /**
   * A TCPRoute, UDPRoute or TLSRoute: the same shape, hostnames only on TLSRoute; the status as
   * read (its parent entries say what was written before).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Route(String kind, Meta metadata, RouteSpec spec, Map<String, Object> status) {
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

  /** The Gateway as fabric8's typed model, which the shared listener and route checks read. */
  public static io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway typed(Gateway gateway) {
    return read(gateway, io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class);
  }

  /** What route attachment reads of an L4 route. */
  public static RouteView view(Route route) {
    return RouteView.ofL4(
        route.kind(),
        read(route, GenericKubernetesResource.class),
        read(route.spec(), L4RouteSpec.class));
  }

  /** Passthrough when the TLS mode says so; Terminate is the API default. */
  public static boolean passthrough(io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener l) {
    return l.getTls() != null && "Passthrough".equals(l.getTls().getMode());
  }

  public static <T> T read(Object resource, Class<T> type) {
    return MAPPER.convertValue(resource, type);
  }

  static <T> T orDefault(T value, T fallback) {
    return Optional.ofNullable(value).orElse(fallback);
  }
}
