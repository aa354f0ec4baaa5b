package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.model.Stack;
import io.lbc.model.StackJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code IngressPlanAnnotation} gate, as the reference: before each deploy the built stack, as
 * JSON, is written to {@code alb.ingress.kubernetes.io/dry-run-plan} of the group's first member
 * and removed from every other member; with the gate off it is removed from every member. A failed
 * patch is logged and never blocks the deploy (the next reconcile tries again).
 */
final class DryRunPlanAnnotation {
  static final String KEY = KeyInventory.written(Surface.INGRESS_ANNOTATION, "dry-run-plan");
  private static final Logger log = LoggerFactory.getLogger(DryRunPlanAnnotation.class);
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final KubernetesClient kube;
  private final boolean enabled;

  DryRunPlanAnnotation(KubernetesClient kube, boolean enabled) {
    this.kube = kube;
    this.enabled = enabled;
  }

  /** {@code members} in the group's order; the first one holds the plan. */
  void update(List<Ingress> members, Stack stack) {
    String plan = enabled && !members.isEmpty() ? StackJson.compact(stack) : null;
    for (int i = 0; i < members.size(); i++) {
      set(members.get(i), i == 0 ? plan : null);
    }
  }

  private void set(Ingress ingress, String value) {
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    String current = annotations == null ? null : annotations.get(KEY);
    if (Objects.equals(current, value)) {
      return;
    }
    var annotation = new java.util.HashMap<String, String>();
    annotation.put(KEY, value); // null removes it (JSON merge patch)
    String patch;
    try {
      patch = JSON.writeValueAsString(Map.of("metadata", Map.of("annotations", annotation)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      kube.network()
          .v1()
          .ingresses()
          .inNamespace(ingress.getMetadata().getNamespace())
          .withName(ingress.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      log.error(
          "failed to {} the dry-run plan annotation ingress={}/{}: {}",
          value == null ? "clear" : "write",
          ingress.getMetadata().getNamespace(),
          ingress.getMetadata().getName(),
          e.getMessage());
    }
  }
}
