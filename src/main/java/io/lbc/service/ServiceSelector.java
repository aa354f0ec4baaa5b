package io.lbc.service;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.lbc.annotations.Annotations;
import io.lbc.config.ControllerConfig;
import io.lbc.config.FeatureGate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a Service belongs to this controller (compat-spec §2.1). Pure: reads only the
 * Service and the configuration, so a Service of another controller costs no AWS call. A Service
 * that stops being selected (type changed, class changed, being deleted) must have its stack
 * cleaned up.
 */
public final class ServiceSelector {
  static final String LOAD_BALANCER = "LoadBalancer";
  private static final Set<String> LEGACY_TARGET_TYPES = Set.of("ip", "instance");

  private final String loadBalancerClass;
  private final boolean loadBalancerTypeOnly;

  public ServiceSelector(ControllerConfig config) {
    this.loadBalancerClass = config.kube().loadBalancerClass();
    this.loadBalancerTypeOnly =
        config.featureGates().enabled(FeatureGate.SERVICE_TYPE_LOAD_BALANCER_ONLY);
  }

  /**
   * A copy of a Service with only what {@link #selects} and a finalizer check read (metadata with
   * annotations and finalizers, type, class): what the Service controller caches of a Service it
   * does not manage, so thousands of ClusterIP Services cost their names, not their ports,
   * selectors, IPs and status.
   */
  public static Service selectionOnly(Service service) {
    var meta = service.getMetadata();
    var spec = service.getSpec();
    // fabric8's constructors give every object its own empty lists and maps (~470 bytes a
    // Service): the copy holds the shared immutable empties instead
    var keptMeta = new ObjectMeta();
    keptMeta.setNamespace(meta.getNamespace());
    keptMeta.setName(meta.getName());
    keptMeta.setUid(meta.getUid());
    keptMeta.setResourceVersion(meta.getResourceVersion());
    keptMeta.setGeneration(meta.getGeneration());
    keptMeta.setDeletionTimestamp(meta.getDeletionTimestamp());
    keptMeta.setFinalizers(compact(meta.getFinalizers()));
    keptMeta.setAnnotations(compact(meta.getAnnotations()));
    keptMeta.setLabels(Map.of());
    keptMeta.setOwnerReferences(List.of());
    keptMeta.setManagedFields(List.of());
    keptMeta.setAdditionalProperties(Map.of());
    var keptSpec = new ServiceSpec();
    keptSpec.setType(spec == null ? null : spec.getType());
    keptSpec.setLoadBalancerClass(spec == null ? null : spec.getLoadBalancerClass());
    keptSpec.setClusterIPs(List.of());
    keptSpec.setExternalIPs(List.of());
    keptSpec.setIpFamilies(List.of());
    keptSpec.setLoadBalancerSourceRanges(List.of());
    keptSpec.setPorts(List.of());
    keptSpec.setSelector(Map.of());
    keptSpec.setAdditionalProperties(Map.of());
    var kept = new Service();
    kept.setMetadata(keptMeta);
    kept.setSpec(keptSpec);
    kept.setAdditionalProperties(Map.of());
    return kept;
  }

  private static List<String> compact(List<String> list) {
    return list == null || list.isEmpty() ? List.of() : List.copyOf(list);
  }

  private static Map<String, String> compact(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    var kept = new HashMap<String, String>();
    map.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            kept.put(key, value);
          }
        });
    return Map.copyOf(kept);
  }

  public boolean selects(Service service) {
    if (service.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    var spec = service.getSpec();
    if (loadBalancerTypeOnly && !LOAD_BALANCER.equals(spec == null ? null : spec.getType())) {
      return false;
    }
    String serviceClass = spec == null ? null : spec.getLoadBalancerClass();
    if (serviceClass != null) {
      // another controller's class wins over any annotation
      return serviceClass.equals(loadBalancerClass);
    }
    var annotations = Annotations.service(service.getMetadata().getAnnotations());
    String type = annotations.string(ServiceAnnotationKeys.TYPE).orElse("");
    if (type.equals("nlb-ip")) {
      return true;
    }
    // "external" alone is not enough: the reference also requires a target type
    return type.equals("external")
        && annotations
            .string(ServiceAnnotationKeys.TARGET_TYPE)
            .filter(LEGACY_TARGET_TYPES::contains)
            .isPresent();
  }
}
