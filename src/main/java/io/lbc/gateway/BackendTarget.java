package io.lbc.gateway;

/** A route's backendRef of any kind (HTTP, GRPC and L4 backendRefs have the same fields). */
public record BackendTarget(
    String group, String kind, String name, String namespace, Integer port, Integer weight) {

  public static BackendTarget of(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef r) {
    return new BackendTarget(
        r.getGroup(), r.getKind(), r.getName(), r.getNamespace(), r.getPort(), r.getWeight());
  }

  public static BackendTarget of(io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef r) {
    return new BackendTarget(
        r.getGroup(), r.getKind(), r.getName(), r.getNamespace(), r.getPort(), r.getWeight());
  }

  public static BackendTarget of(io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef r) {
    return new BackendTarget(
        r.getGroup(), r.getKind(), r.getName(), r.getNamespace(), r.getPort(), r.getWeight());
  }

  /** The weight, 1 when unset. */
  public int weightOrDefault() {
    return weight == null ? 1 : weight;
  }

  public String namespaceOr(String routeNamespace) {
    return namespace == null || namespace.isEmpty() ? routeNamespace : namespace;
  }

  public boolean isService() {
    return kind == null || kind.isEmpty() || kind.equals("Service");
  }
}
