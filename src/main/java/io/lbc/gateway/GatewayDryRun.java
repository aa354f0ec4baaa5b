package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.model.Stack;
import io.lbc.model.StackJson;
import io.lbc.reconcile.Finalizers;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Gateway dry run (gateway-spec §4.1): {@code gateway.k8s.aws/dry-run: "true"} on a Gateway
 * that does not carry the controller's finalizer yet (nothing of it was ever deployed) builds the
 * stack and writes it, as the canonical stack JSON, to {@code gateway.k8s.aws/dry-run-plan};
 * nothing is deployed and neither the finalizer nor the Gateway's status is written. Once the
 * Gateway is provisioned, or while it is deleted, the request is ignored, and a plan left from an
 * earlier dry run is removed at the next normal reconcile.
 */
public final class GatewayDryRun {
  static final String REQUEST =
      Surface.GATEWAY_ANNOTATION.prefix()
          + KeyInventory.honoured(Surface.GATEWAY_ANNOTATION, "dry-run");
  static final String PLAN = KeyInventory.written(Surface.GATEWAY_ANNOTATION, "dry-run-plan");
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private GatewayDryRun() {}

  /** Whether this reconcile of the Gateway is a dry run. */
  public static boolean requested(HasMetadata gateway, String finalizer) {
    return "true".equals(annotation(gateway, REQUEST))
        && gateway.getMetadata().getDeletionTimestamp() == null
        && !Finalizers.has(gateway, finalizer);
  }

  /** Writes the plan unless the Gateway already carries that one. */
  public static <T extends HasMetadata> T writePlan(KubernetesClient kube, T gateway, Stack stack) {
    return patch(kube, gateway, StackJson.compact(stack));
  }

  /** Removes a plan left by an earlier dry run; returns the Gateway as it is now. */
  public static <T extends HasMetadata> T clearPlan(KubernetesClient kube, T gateway) {
    return patch(kube, gateway, null);
  }

  private static <T extends HasMetadata> T patch(KubernetesClient kube, T gateway, String plan) {
    if (Objects.equals(annotation(gateway, PLAN), plan)) {
      return gateway;
    }
    var annotations = new HashMap<String, String>();
    annotations.put(PLAN, plan); // null removes it (JSON merge patch)
    String patch;
    try {
      // a plain mapper: it keeps the null that removes the annotation
      patch = JSON.writeValueAsString(Map.of("metadata", Map.of("annotations", annotations)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return kube.resource(gateway).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
