package io.lbc.service;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.lbc.annotations.Annotations;
import io.lbc.config.ControllerConfig;
import io.lbc.config.FeatureGate;
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
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(meta.getNamespace())
        .withName(meta.getName())
        .withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion())
        .withGeneration(meta.getGeneration())
        .withDeletionTimestamp(meta.getDeletionTimestamp())
        .withFinalizers(meta.getFinalizers())
        .withAnnotations(meta.getAnnotations())
        .endMetadata()
        .withNewSpec()
        .withType(spec == null ? null : spec.getType())
        .withLoadBalancerClass(spec == null ? null : spec.getLoadBalancerClass())
        .endSpec()
        .build();
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
