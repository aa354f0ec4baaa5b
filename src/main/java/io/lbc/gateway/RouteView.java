package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.lbc.k8s.gateway.L4RouteSpec;
import java.time.Instant;
import java.util.List;
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

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
