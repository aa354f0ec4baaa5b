package io.lbc.targets;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.targets.DesiredTarget.PodRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link KubeWrites} through the fabric8 client. */
public final class FabricKubeWrites implements KubeWrites {
  private final KubernetesClient kube;

  public FabricKubeWrites(KubernetesClient kube) {
    this.kube = kube;
  }

  @Override
  public void annotate(TargetGroupBinding binding, Map<String, String> annotations) {
    String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations)));
    TargetGroupBinding patched =
        kube.resources(TargetGroupBinding.class)
            .inNamespace(binding.getMetadata().getNamespace())
            .withName(binding.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    // The caller goes on to patch the status of this same object, locked to its version.
    binding.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
    binding.getMetadata().setAnnotations(patched.getMetadata().getAnnotations());
  }

  @Override
  public boolean patchPodCondition(PodRef pod, PodCondition condition) {
    String patch = Serialization.asJson(Map.of("status", Map.of("conditions", List.of(condition))));
    try {
      kube.pods()
          .inNamespace(pod.namespace())
          .withName(pod.name())
          .subresource("status")
          .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<String> readConfigMapValue(String namespace, String name, String key) {
    ConfigMap map = kube.configMaps().inNamespace(namespace).withName(name).get();
    return map == null || map.getData() == null
        ? Optional.empty()
        : Optional.ofNullable(map.getData().get(key));
  }

  @Override
  public void writeConfigMapValue(String namespace, String name, String key, String value) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withData(Map.of(key, value))
            .build();
    kube.configMaps().inNamespace(namespace).resource(map).forceConflicts().serverSideApply();
  }

  @Override
  public void deleteConfigMap(String namespace, String name) {
    kube.configMaps().inNamespace(namespace).withName(name).delete();
  }
}
