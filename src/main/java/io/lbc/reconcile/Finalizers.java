package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;

/** Adds and removes finalizers with JSON patches guarded by the object's resource version. */
public final class Finalizers {
  private Finalizers() {}

  public static boolean has(HasMetadata object, String finalizer) {
    return object.getMetadata().getFinalizers() != null
        && object.getMetadata().getFinalizers().contains(finalizer);
  }

  /** Adds the finalizer unless present; returns the patched object. */
  public static <T extends HasMetadata> T add(KubernetesClient kube, T object, String finalizer) {
    if (has(object, finalizer)) {
      return object;
    }
    List<String> finalizers =
        new ArrayList<>(
            object.getMetadata().getFinalizers() == null
                ? List.of()
                : object.getMetadata().getFinalizers());
    finalizers.add(finalizer);
    return patchFinalizers(kube, object, finalizers);
  }

  /** Removes the finalizer if present; an object already gone counts as done. */
  public static <T extends HasMetadata> void remove(
      KubernetesClient kube, T object, String finalizer) {
    if (!has(object, finalizer)) {
      return;
    }
    List<String> finalizers = new ArrayList<>(object.getMetadata().getFinalizers());
    finalizers.remove(finalizer);
    try {
      patchFinalizers(kube, object, finalizers);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static <T extends HasMetadata> T patchFinalizers(
      KubernetesClient kube, T object, List<String> finalizers) {
    String patch =
        "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
            + object.getMetadata().getResourceVersion()
            + "\"},{\"op\":\""
            + (object.getMetadata().getFinalizers() == null ? "add" : "replace")
            + "\",\"path\":\"/metadata/finalizers\",\"value\":"
            + io.fabric8.kubernetes.client.utils.Serialization.asJson(finalizers)
            + "}]";
    return kube.resource(object)
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON).build(), patch);
  }
}
