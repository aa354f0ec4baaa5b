package io.lbc.gateway.l4;

import io.lbc.gateway.l4.GatewayApi.BackendRef;
import io.lbc.gateway.l4.GatewayApi.GrantFrom;
import io.lbc.gateway.l4.GatewayApi.GrantTo;
import io.lbc.gateway.l4.GatewayApi.ReferenceGrant;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.gateway.l4.GatewayApi.Rule;
import io.lbc.k8s.cache.SlimService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the backendRefs of an L4 route to Services (gateway-spec §2.5, §4.4, §4.5). A backend
 * that cannot be used is left out and named on the route's status; the others still carry traffic.
 * A malformed backendRef (no port, a weight above what an NLB takes) refuses the route.
 */
final class BackendResolution {
  static final int MAX_WEIGHT = 999;

  private final Map<String, SlimService> services;
  private final List<ReferenceGrant> grants;

  BackendResolution(Map<String, SlimService> services, List<ReferenceGrant> grants) {
    this.services = services;
    this.grants = grants;
  }

  /** A usable backend: the Service, its port and the weight in the forward action. */
  record Backend(SlimService service, SlimService.Port port, int weight) {
    String namespace() {
      return service.meta().namespace();
    }

    String name() {
      return service.meta().name();
    }
  }

  /**
   * The route's usable backends, and its conditions.
   *
   * @param refusal a reason that refuses the route (Accepted=False), or null
   * @param unresolved a reason for ResolvedRefs=False, or null
   */
  record Result(
      List<Backend> backends,
      String refusal,
      String refusalMessage,
      String unresolved,
      String unresolvedMessage) {}

  Result resolve(Route route) {
    var backends = new ArrayList<Backend>();
    String unresolved = null;
    String unresolvedMessage = null;
    int ruleIndex = 0;
    for (Rule rule : route.rules()) {
      int refIndex = 0;
      for (BackendRef ref : rule.backendRefsOrEmpty()) {
        String field = "spec.rules[" + ruleIndex + "].backendRefs[" + refIndex + "]";
        refIndex++;
        if (ref.port() == null) {
          return refused("UnsupportedValue", field + ".port: Port is required");
        }
        int weight = ref.weight() == null ? 1 : ref.weight();
        if (weight > MAX_WEIGHT) {
          return refused(
              "UnsupportedValue",
              field + ".weight: " + weight + " is above " + MAX_WEIGHT + ", the most an NLB takes");
        }
        Failure failure = failure(route, ref);
        if (failure != null) {
          if (unresolved == null) {
            unresolved = failure.reason();
            unresolvedMessage = field + ": " + failure.message();
          }
          continue;
        }
        SlimService service = services.get(namespace(route, ref) + "/" + ref.name());
        SlimService.Port port =
            service.spec().ports().stream()
                .filter(p -> ref.port().equals(p.port()))
                .findFirst()
                .orElseThrow();
        backends.add(new Backend(service, port, weight));
      }
      ruleIndex++;
    }
    return new Result(List.copyOf(backends), null, null, unresolved, unresolvedMessage);
  }

  private record Failure(String reason, String message) {}

  private static Result refused(String reason, String message) {
    return new Result(List.of(), reason, message, null, null);
  }

  private Failure failure(Route route, BackendRef ref) {
    String kind = ref.kind() == null ? "Service" : ref.kind();
    String group = ref.group() == null ? "" : ref.group();
    if (!kind.equals("Service") || !(group.isEmpty() || group.equals("core"))) {
      return new Failure(
          "InvalidKind",
          "Unknown backend reference kind "
              + (group.isEmpty() ? "" : group + "/")
              + kind
              + " (this controller routes L4 traffic to Services)");
    }
    String namespace = namespace(route, ref);
    if (!namespace.equals(route.metadata().namespace()) && !granted(route, namespace, ref)) {
      return new Failure(
          "RefNotPermitted", "No explicit ReferenceGrant exists to allow the reference.");
    }
    SlimService service = services.get(namespace + "/" + ref.name());
    if (service == null) {
      return new Failure(
          "BackendNotFound", "Service (" + namespace + ":" + ref.name() + ") not found");
    }
    boolean hasPort = service.spec().ports().stream().anyMatch(p -> ref.port().equals(p.port()));
    if (!hasPort) {
      return new Failure("BackendNotFound", "Unable to find service port for port " + ref.port());
    }
    return null;
  }

  private static String namespace(Route route, BackendRef ref) {
    return ref.namespace() == null ? route.metadata().namespace() : ref.namespace();
  }

  private boolean granted(Route route, String targetNamespace, BackendRef ref) {
    for (ReferenceGrant grant : grants) {
      if (!targetNamespace.equals(grant.metadata().namespace()) || grant.spec() == null) {
        continue;
      }
      boolean from =
          Optional.ofNullable(grant.spec().from()).orElse(List.of()).stream()
              .anyMatch(
                  (GrantFrom f) ->
                      GatewayApi.GROUP.equals(f.group())
                          && route.kind().equals(f.kind())
                          && route.metadata().namespace().equals(f.namespace()));
      boolean to =
          Optional.ofNullable(grant.spec().to()).orElse(List.of()).stream()
              .anyMatch(
                  (GrantTo t) ->
                      (t.group() == null || t.group().isEmpty())
                          && "Service".equals(t.kind())
                          && (t.name() == null || t.name().equals(ref.name())));
      if (from && to) {
        return true;
      }
    }
    return false;
  }
}
