package io.lbc.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/**
 * Writes part of an object's status with a JSON merge patch on its status subresource, by name and
 * without a resourceVersion: the controller owns the fields it writes, so a concurrent change to
 * other fields (a finalizer, an annotation) must not fail the write.
 */
public final class StatusPatch {
  private StatusPatch() {}

  public static void merge(KubernetesClient kube, HasMetadata object, Map<String, Object> status) {
    var resources = kube.resources(object.getClass());
    String namespace = object.getMetadata().getNamespace();
    // cluster-scoped objects (a GatewayClass) have no namespace
    (namespace == null
            ? resources.withName(object.getMetadata().getName())
            : resources.inNamespace(namespace).withName(object.getMetadata().getName()))
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status)));
  }
}
