package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.webhook.AdmissionHandler;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.Decision;
import io.lbc.webhook.PatchOperation;
import java.util.List;
import java.util.Optional;

/**
 * {@code mservice.elbv2.k8s.aws} (compat-spec §2.1 item 5): a new {@code type: LoadBalancer}
 * Service without a class gets {@code spec.loadBalancerClass} = {@code --load-balancer-class},
 * making this controller the cluster's default; an update that drops the class keeps the old one.
 * Off unless {@code --enable-service-mutator-webhook}; fails open.
 */
public final class ServiceMutator implements AdmissionHandler {
  public static final String PATH = "/mutate-v1-service";
  private static final String FIELD = "/spec/loadBalancerClass";

  private final String loadBalancerClass;
  private final boolean enabled;

  public ServiceMutator(String loadBalancerClass, boolean enabled) {
    this.loadBalancerClass = loadBalancerClass;
    this.enabled = enabled;
  }

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Kind kind() {
    return Kind.MUTATING;
  }

  @Override
  public boolean failOpen() {
    return true;
  }

  @Override
  public Decision admit(AdmissionRequest request) {
    if (!enabled) {
      return Decision.allow();
    }
    Service service = AdmissionObjects.object(request, Service.class);
    if (service.getSpec() == null || !"LoadBalancer".equals(service.getSpec().getType())) {
      return Decision.allow();
    }
    if (hasClass(service)) {
      return Decision.allow();
    }
    if (AdmissionObjects.isCreate(request)) {
      return Decision.patch(List.of(PatchOperation.add(FIELD, loadBalancerClass)));
    }
    Optional<Service> old = AdmissionObjects.oldObject(request, Service.class);
    if (AdmissionObjects.isUpdate(request) && old.isPresent() && hasClass(old.get())) {
      return Decision.patch(
          List.of(PatchOperation.add(FIELD, old.get().getSpec().getLoadBalancerClass())));
    }
    return Decision.allow();
  }

  private static boolean hasClass(Service service) {
    String current = service.getSpec() == null ? null : service.getSpec().getLoadBalancerClass();
    return current != null && !current.isEmpty();
  }
}
