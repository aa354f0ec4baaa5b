package io.lbc.targets;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.targets.DesiredTarget.PodRef;
import java.util.Map;
import java.util.Optional;

/** The few Kubernetes writes (and uncached reads) the engine makes, behind one seam for tests. */
public interface KubeWrites {
  /**
   * Merges the annotations into the binding's metadata (a metadata-only patch), and brings the
   * object's resourceVersion and annotations up to date with the result.
   */
  void annotate(TargetGroupBinding binding, Map<String, String> annotations);

  /**
   * Sets one condition in the pod's status (strategic merge by type).
   *
   * @return false when the pod no longer exists
   */
  boolean patchPodCondition(PodRef pod, PodCondition condition);

  Optional<String> readConfigMapValue(String namespace, String name, String key);

  void writeConfigMapValue(String namespace, String name, String key, String value);

  void deleteConfigMap(String namespace, String name);
}
