package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.MutatingWebhook;
import io.lbc.webhook.PatchOperation;
import java.util.List;
import java.util.Optional;

/**
 * {@code mservice.elbv2.k8s.aws} (compat-spec §2.1 item 5): a new {@code type: LoadBalancer}
 * Service without a class gets {@code spec.loadBalancerClass} = {@code --load-balancer-class},
 * making this controller the cluster's default; an update that drops the class keeps the old one.
 * Off unless {@code --enable-service-mutator-webhook}; fails open.
 */
public final class ServiceMutator extends MutatingWebhook<Service> {
  public static final String PATH = "/mutate-v1-service";
  private static final String FIELD = "/spec/loadBalancerClass";

  private final String loadBalancerClass;
  private final boolean enabled;

  public ServiceMutator(String loadBalancerClass, boolean enabled) {
    super(PATH, Service.class, true);
    this.loadBalancerClass = loadBalancerClass;
    this.enabled = enabled;
  }

  @Override
  protected boolean applies(AdmissionRequest request) {
    return enabled;
  }

  @Override
  protected List<PatchOperation> patch(AdmissionRequest request, Service service) {
    if (service.getSpec() == null || !"LoadBalancer".equals(service.getSpec().getType())) {
      return List.of();
    }
    if (hasClass(service)) {
      return List.of();
    }
    if (AdmissionObjects.isCreate(request)) {
      return List.of(PatchOperation.add(FIELD, loadBalancerClass));
    }
    Optional<Service> old = oldObject(request);
    if (AdmissionObjects.isUpdate(request) && old.isPresent() && hasClass(old.get())) {
      return List.of(PatchOperation.add(FIELD, old.get().getSpec().getLoadBalancerClass()));
    }
    return List.of();
  }

  private static boolean hasClass(Service service) {
    String current = service.getSpec() == null ? null : service.getSpec().getLoadBalancerClass();
    return current != null && !current.isEmpty();
  }
}
