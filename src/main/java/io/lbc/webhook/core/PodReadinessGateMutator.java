package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.cache.SlimService;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.BindingLookups;
import io.lbc.webhook.MutatingWebhook;
import io.lbc.webhook.PatchOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mpod.elbv2.k8s.aws}: a new pod selected by the Service of an ip TargetGroupBinding in its
 * namespace gets the readiness gate {@code target-health.elbv2.k8s.aws/<binding>}, so it only turns
 * Ready once its target is healthy; legacy gates are dropped. Fails open: whatever goes wrong, the
 * pod is created.
 */
public final class PodReadinessGateMutator extends MutatingWebhook<Pod> {
  public static final String PATH = "/mutate-v1-pod";
  public static final String CONDITION_PREFIX = "target-health.elbv2.k8s.aws/";
  static final String LEGACY_CONDITION_PREFIX = "target-health.alb.ingress.k8s.aws";

  private final BindingLookups lookups;
  private final boolean enabled;

  /**
   * @param enabled {@code --enable-pod-readiness-gate-inject}
   */
  public PodReadinessGateMutator(BindingLookups lookups, boolean enabled) {
    super(PATH, Pod.class, true);
    this.lookups = lookups;
    this.enabled = enabled;
  }

  @Override
  protected boolean applies(AdmissionRequest request) {
    return enabled && AdmissionObjects.isCreate(request);
  }

  @Override
  protected List<PatchOperation> patch(AdmissionRequest request, Pod pod) {
    List<String> wanted = conditionTypes(AdmissionObjects.namespace(request, pod), labels(pod));
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<PodReadinessGate> current =
        Optional.ofNullable(pod.getSpec().getReadinessGates()).orElse(List.of());
    var gates = new ArrayList<PodReadinessGate>();
    for (PodReadinessGate gate : current) {
      if (gate.getConditionType() == null
          || !gate.getConditionType().startsWith(LEGACY_CONDITION_PREFIX)) {
        gates.add(gate);
      }
    }
    for (String type : wanted) {
      if (gates.stream().noneMatch(g -> type.equals(g.getConditionType()))) {
        gates.add(new PodReadinessGate(type));
      }
    }
    if (gates.equals(current)) {
      return List.of();
    }
    return List.of(PatchOperation.add("/spec/readinessGates", gates));
  }

  private List<String> conditionTypes(String namespace, Map<String, String> podLabels) {
    var result = new ArrayList<String>();
    List<TargetGroupBinding> bindings = new ArrayList<>(lookups.bindingsIn(namespace));
    bindings.sort(Comparator.comparing(b -> b.getMetadata().getName()));
    for (TargetGroupBinding binding : bindings) {
      if (binding.getSpec() == null
          || binding.getSpec().targetType != BindingTargetType.IP
          || binding.getSpec().serviceRef == null) {
        continue;
      }
      Optional<SlimService> service = lookups.service(namespace, binding.getSpec().serviceRef.name);
      if (service.isPresent() && service.get().spec().selects(podLabels)) {
        result.add(CONDITION_PREFIX + binding.getMetadata().getName());
      }
    }
    return result;
  }

  private static Map<String, String> labels(Pod pod) {
    return pod.getMetadata() == null || pod.getMetadata().getLabels() == null
        ? Map.of()
        : pod.getMetadata().getLabels();
  }
}
