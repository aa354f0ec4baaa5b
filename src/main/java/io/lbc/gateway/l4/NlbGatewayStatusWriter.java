package io.lbc.gateway.l4;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ParentRef;
import io.lbc.gateway.l4.NlbGatewayBuild.ListenerResult;
import io.lbc.gateway.l4.NlbGatewayBuild.RouteParentResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Writes Gateway and route statuses with JSON merge patches on {@code /status}, only when something
 * other than {@code lastTransitionTime} changed; a condition whose status did not change keeps its
 * transition time. Route parent entries of other controllers or other Gateways are kept.
 */
public final class NlbGatewayStatusWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ATTACHED_LISTENER_SETS = "attachedListenerSets";

  private final KubernetesClient kube;
  private final Clock clock;

  public NlbGatewayStatusWriter(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /**
   * The Gateway's conditions, addresses and listeners after a build and deploy.
   *
   * @param attachedListenerSets {@code status.attachedListenerSets}, empty when ListenerSets are
   *     off (the field is then not written)
   */
  public void gateway(
      Gateway gateway,
      GenericKubernetesResource live,
      NlbGatewayBuild build,
      String dnsName,
      boolean active,
      String lbArn,
      OptionalInt attachedListenerSets) {
    long generation = gateway.metadata().generationOrZero();
    Map<String, Object> old = status(live);
    var status = new LinkedHashMap<String, Object>();
    if (attachedListenerSets.isPresent()) {
      status.put(ATTACHED_LISTENER_SETS, attachedListenerSets.getAsInt());
    } else if (old.containsKey(ATTACHED_LISTENER_SETS)) {
      // not ours to write with ListenerSets off: a merge patch keeps it anyway
      status.put(ATTACHED_LISTENER_SETS, old.get(ATTACHED_LISTENER_SETS));
    }
    status.put(
        "conditions",
        conditions(build.gatewayConditions(active, lbArn), generation, list(old, "conditions")));
    status.put(
        "addresses",
        dnsName == null
            ? List.of()
            : List.of(Map.of("type", "Hostname", "value", dnsName.toLowerCase())));
    var listeners = new ArrayList<Map<String, Object>>();
    Map<String, Map<String, Object>> oldListeners = byName(list(old, "listeners"));
    for (ListenerResult listener : build.gatewayListeners()) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("name", listener.name());
      entry.put(
          "supportedKinds",
          listener.verdict().kinds().stream()
              .map(k -> Map.of("group", GatewayApi.GROUP, "kind", k))
              .toList());
      entry.put("attachedRoutes", listener.attachedRoutes());
      Map<String, Object> before = oldListeners.getOrDefault(listener.name(), Map.of());
      entry.put(
          "conditions",
          conditions(listener.conditions(active), generation, list(before, "conditions")));
      listeners.add(entry);
    }
    status.put("listeners", listeners);
    patchIfChanged(GatewayKinds.GATEWAY, live, old, status);
  }

  /** Only the Gateway's Accepted condition: the build was refused as a whole. */
  public void refused(Gateway gateway, GenericKubernetesResource live, String message) {
    Map<String, Object> old = status(live);
    var status = new LinkedHashMap<String, Object>(old);
    var kept = new ArrayList<Map<String, Object>>();
    for (Map<String, Object> c : list(old, "conditions")) {
      if (!"Accepted".equals(c.get("type"))) {
        kept.add(c);
      }
    }
    var accepted =
        conditions(
            List.of(StatusCondition.isFalse("Accepted", "Invalid", message)),
            gateway.metadata().generationOrZero(),
            list(old, "conditions"));
    kept.addAll(0, accepted);
    status.put("conditions", kept);
    patchIfChanged(GatewayKinds.GATEWAY, live, old, status);
  }

  /** The parent entries this Gateway decides for each route that names it. */
  public void routes(Gateway gateway, List<RouteParentResult> results) {
    var byRoute = new LinkedHashMap<String, List<RouteParentResult>>();
    for (RouteParentResult r : results) {
      byRoute
          .computeIfAbsent(r.kind() + "/" + r.namespace() + "/" + r.name(), k -> new ArrayList<>())
          .add(r);
    }
    for (List<RouteParentResult> forRoute : byRoute.values()) {
      RouteParentResult first = forRoute.get(0);
      ResourceDefinitionContext kind = GatewayKinds.route(first.kind());
      GenericKubernetesResource live =
          kube.genericKubernetesResources(kind)
              .inNamespace(first.namespace())
              .withName(first.name())
              .get();
      if (live == null) {
        continue;
      }
      Map<String, Object> old = status(live);
      var parents = new ArrayList<Map<String, Object>>();
      List<Map<String, Object>> oldParents = list(old, "parents");
      List<Map<String, Object>> refs =
          forRoute.stream().map(r -> parentRef(r.parentRef())).toList();
      for (Map<String, Object> entry : oldParents) {
        // a ListenerSet parentRef this Gateway decides is rewritten, like its own
        if (!ours(gateway, live, entry)
            && !(NlbGatewayStackBuilder.CONTROLLER_NAME.equals(entry.get("controllerName"))
                && refs.contains(entry.get("parentRef")))) {
          parents.add(entry);
        }
      }
      for (RouteParentResult result : forRoute) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("parentRef", parentRef(result.parentRef()));
        entry.put("controllerName", NlbGatewayStackBuilder.CONTROLLER_NAME);
        List<Map<String, Object>> before =
            oldParents.stream()
                .filter(p -> Objects.equals(p.get("parentRef"), entry.get("parentRef")))
                .findFirst()
                .map(p -> list(p, "conditions"))
                .orElse(List.of());
        entry.put(
            "conditions",
            conditions(result.conditions(), live.getMetadata().getGeneration(), before));
        parents.add(entry);
      }
      var status = new LinkedHashMap<String, Object>(old);
      status.put("parents", parents);
      patchIfChanged(kind, live, old, status);
    }
  }

  private static boolean ours(
      Gateway gateway, GenericKubernetesResource route, Map<String, Object> entry) {
    if (!NlbGatewayStackBuilder.CONTROLLER_NAME.equals(entry.get("controllerName"))) {
      return false;
    }
    ParentRef ref = GatewayApi.read(entry.get("parentRef"), ParentRef.class);
    if (ref.kind() != null && !"Gateway".equals(ref.kind())) {
      return false;
    }
    String namespace =
        ref.namespace() == null ? route.getMetadata().getNamespace() : ref.namespace();
    return gateway.metadata().name().equals(ref.name())
        && gateway.metadata().namespace().equals(namespace);
  }

  private static Map<String, Object> parentRef(ParentRef ref) {
    var out = new LinkedHashMap<String, Object>();
    out.put("group", ref.group() == null ? GatewayApi.GROUP : ref.group());
    out.put("kind", ref.kind() == null ? "Gateway" : ref.kind());
    if (ref.namespace() != null) {
      out.put("namespace", ref.namespace());
    }
    out.put("name", ref.name());
    if (ref.sectionName() != null) {
      out.put("sectionName", ref.sectionName());
    }
    if (ref.port() != null) {
      out.put("port", ref.port());
    }
    return out;
  }

  private List<Map<String, Object>> conditions(
      List<StatusCondition> conditions, Long generation, List<Map<String, Object>> before) {
    var out = new ArrayList<Map<String, Object>>();
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    for (StatusCondition c : conditions) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("type", c.type());
      entry.put("status", c.status());
      entry.put("reason", c.reason());
      entry.put("message", c.message() == null ? "" : c.message());
      entry.put("observedGeneration", generation == null ? 0 : generation);
      Object since =
          before.stream()
              .filter(b -> c.type().equals(b.get("type")) && c.status().equals(b.get("status")))
              .map(b -> b.get("lastTransitionTime"))
              .findFirst()
              .orElse(now);
      entry.put("lastTransitionTime", since);
      out.add(entry);
    }
    return out;
  }

  private void patchIfChanged(
      ResourceDefinitionContext kind,
      GenericKubernetesResource live,
      Map<String, Object> old,
      Map<String, Object> status) {
    if (JSON.valueToTree(old).equals(JSON.valueToTree(status))) {
      return;
    }
    try {
      var resource =
          live.getMetadata().getNamespace() == null
              ? kube.genericKubernetesResources(kind).withName(live.getMetadata().getName())
              : kube.genericKubernetesResources(kind)
                  .inNamespace(live.getMetadata().getNamespace())
                  .withName(live.getMetadata().getName());
      resource
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              JSON.writeValueAsString(Map.of("status", status)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource live) {
    Object status = live.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, Object>) m)
        : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
    var out = new LinkedHashMap<String, Map<String, Object>>();
    items.forEach(i -> out.put(String.valueOf(i.get("name")), i));
    return out;
  }
}
