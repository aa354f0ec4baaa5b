package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.k8s.gateway.L4RouteSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What attachment and ordering read of any route kind. */
public record RouteView(
    String kind, HasMetadata object, List<ParentReference> parentRefs, List<String> hostnames) {

  public static RouteView of(HTTPRoute route) {
    var spec = route.getSpec();
    return new RouteView(
        RouteKinds.HTTP_ROUTE,
        route,
        spec == null ? List.of() : nonNull(spec.getParentRefs()),
        spec == null ? List.of() : nonNull(spec.getHostnames()));
  }

  public static RouteView of(GRPCRoute route) {
    var spec = route.getSpec();
    return new RouteView(
        RouteKinds.GRPC_ROUTE,
        route,
        spec == null ? List.of() : nonNull(spec.getParentRefs()),
        spec == null ? List.of() : nonNull(spec.getHostnames()));
  }

  /** A TCPRoute, UDPRoute or TLSRoute. */
  public static RouteView ofL4(String kind, HasMetadata route, L4RouteSpec spec) {
    return new RouteView(
        kind,
        route,
        spec == null ? List.of() : nonNull(spec.parentRefs),
        spec == null ? List.of() : nonNull(spec.hostnames));
  }

  public String namespace() {
    return object.getMetadata().getNamespace();
  }

  public String name() {
    return object.getMetadata().getName();
  }

  /** {@code namespace/name}. */
  public String key() {
    return namespace() + "/" + name();
  }

  public Long generation() {
    return object.getMetadata().getGeneration();
  }

  /** Creation time in milliseconds (0 when unknown): older routes win ties. */
  public long createdMillis() {
    return Optional.ofNullable(object.getMetadata().getCreationTimestamp())
        .map(t -> Instant.parse(t).toEpochMilli())
        .orElse(0L);
  }

  /**
   * Whether the route's status has an entry by that controller for that parentRef (kind, namespace,
   * name, sectionName and port as written).
   */
  public boolean hasParentEntry(String controllerName, ParentReference ref) {
    return statusParents().stream()
        .anyMatch(
            p ->
                controllerName.equals(p.getControllerName())
                    && p.getParentRef() != null
                    && sameRef(ref, p.getParentRef()));
  }

  /** The route's {@code status.parents}, read through its JSON form (any route kind). */
  @SuppressWarnings("unchecked")
  public List<RouteParentStatus> statusParents() {
    Map<String, Object> json = Serialization.unmarshal(Serialization.asJson(object), Map.class);
    if (!(json.get("status") instanceof Map<?, ?> status)
        || !(status.get("parents") instanceof List<?> list)) {
      return List.of();
    }
    var result = new ArrayList<RouteParentStatus>();
    for (Object item : list) {
      result.add(Serialization.unmarshal(Serialization.asJson(item), RouteParentStatus.class));
    }
    return result;
  }

  /** The same parent: kind (Gateway by default), namespace, name, sectionName and port. */
  public static boolean sameRef(ParentReference a, ParentReference b) {
    return b != null
        && Objects.equals(a.getName(), b.getName())
        && Objects.equals(a.getNamespace(), b.getNamespace())
        && Objects.equals(a.getSectionName(), b.getSectionName())
        && Objects.equals(a.getPort(), b.getPort())
        && Objects.equals(kindOf(a), kindOf(b));
  }

  private static String kindOf(ParentReference ref) {
    return ref.getKind() == null ? "Gateway" : ref.getKind();
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
