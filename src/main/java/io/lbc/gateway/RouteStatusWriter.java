package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a route's {@code status.parents} entries for the parentRefs that name one Gateway
 * (gateway-spec §2.5), in spec order, with Accepted and ResolvedRefs and their standard reasons;
 * entries of other parents and other controllers are kept. Writes with the resourceVersion read and
 * retries on a conflict, so that two Gateways writing one route never drop each other's entry.
 */
public final class RouteStatusWriter {
  private static final int ATTEMPTS = 5;

  private final KubernetesClient kube;
  private final Clock clock;

  public RouteStatusWriter(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /** Writes the entries of every route this build attached (or tried to). */
  public void write(GatewayBuild build) {
    var byRoute = new java.util.LinkedHashMap<String, List<RouteAttachment.Parent>>();
    build
        .parents()
        .forEach(p -> byRoute.computeIfAbsent(p.route().key(), k -> new ArrayList<>()).add(p));
    for (List<RouteAttachment.Parent> parents : byRoute.values()) {
      RouteView route = parents.get(0).route();
      writeOne(route, parents, build.verdict(route));
    }
  }

  private void writeOne(
      RouteView route, List<RouteAttachment.Parent> parents, RouteVerdict verdict) {
    for (int attempt = 1; ; attempt++) {
      HasMetadata fresh =
          kube.resources(route.object().getClass())
              .inNamespace(route.namespace())
              .withName(route.name())
              .get();
      if (fresh == null) {
        return;
      }
      List<RouteParentStatus> current = parentsOf(fresh);
      List<RouteParentStatus> desired = desired(fresh, route, parents, verdict, current);
      if (same(current, desired)) {
        return;
      }
      try {
        setParents(fresh, desired);
        kube.resource(fresh).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private List<RouteParentStatus> desired(
      HasMetadata fresh,
      RouteView route,
      List<RouteAttachment.Parent> parents,
      RouteVerdict verdict,
      List<RouteParentStatus> current) {
    String controller = GatewayFlavor.ofRouteKind(route.kind()).controllerName();
    Long generation = fresh.getMetadata().getGeneration();
    var result = new ArrayList<RouteParentStatus>();
    for (RouteParentStatus entry : current) {
      boolean ours = parents.stream().anyMatch(p -> sameRef(p.ref(), entry.getParentRef()));
      if (!ours) {
        result.add(entry);
      }
    }
    for (RouteAttachment.Parent parent : parents) {
      var before =
          current.stream()
              .filter(e -> sameRef(parent.ref(), e.getParentRef()))
              .findFirst()
              .map(RouteParentStatus::getConditions)
              .orElse(null);
      var conditions = new GatewayConditions(before, generation, clock);
      if (!parent.attached()) {
        conditions.set(GatewayReasons.ACCEPTED, false, parent.failure(), parent.message());
      } else if (verdict.refused()) {
        conditions.set(GatewayReasons.ACCEPTED, false, verdict.refusal(), verdict.refusalMessage());
      } else {
        conditions.set(GatewayReasons.ACCEPTED, true, GatewayReasons.ACCEPTED, "");
      }
      if (verdict.unresolved() != null) {
        conditions.set(
            GatewayReasons.RESOLVED_REFS, false, verdict.unresolved(), verdict.unresolvedMessage());
      } else {
        conditions.set(GatewayReasons.RESOLVED_REFS, true, GatewayReasons.RESOLVED_REFS, "");
      }
      result.add(new RouteParentStatus(conditions.build(), controller, parent.ref()));
    }
    return result;
  }

  private static boolean sameRef(ParentReference a, ParentReference b) {
    return RouteView.sameRef(a, b);
  }

  private static boolean same(List<RouteParentStatus> a, List<RouteParentStatus> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Objects.equals(a.get(i).getControllerName(), b.get(i).getControllerName())
          || !sameRef(a.get(i).getParentRef(), b.get(i).getParentRef())
          || !GatewayConditions.same(a.get(i).getConditions(), b.get(i).getConditions())) {
        return false;
      }
    }
    return true;
  }

  /** The parents of any route kind's status, read through its JSON form. */
  private static List<RouteParentStatus> parentsOf(HasMetadata route) {
    return new RouteView(null, route, List.of(), List.of()).statusParents();
  }

  private static void setParents(HasMetadata route, List<RouteParentStatus> parents) {
    if (route instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute http) {
      if (http.getStatus() == null) {
        http.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus());
      }
      http.getStatus().setParents(parents);
    } else if (route instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute grpc) {
      if (grpc.getStatus() == null) {
        grpc.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus());
      }
      grpc.getStatus().setParents(parents);
    } else if (route instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> custom
        && custom.getStatus()
            instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus status) {
      status.setParents(parents);
    } else if (route instanceof io.fabric8.kubernetes.client.CustomResource<?, ?>) {
      setCustomStatus(route, parents);
    }
  }

  @SuppressWarnings("unchecked")
  private static void setCustomStatus(HasMetadata route, List<RouteParentStatus> parents) {
    var custom =
        (io.fabric8.kubernetes.client.CustomResource<
                ?, io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus>)
            route;
    custom.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteStatus(parents));
  }
}
