package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The objects the webhook integration tests create. */
final class ItObjects {
  private ItObjects() {}

  static TargetGroupBinding binding(
      String namespace, String name, String service, Consumer<TargetGroupBindingSpec> spec) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    var s = new TargetGroupBindingSpec();
    s.serviceRef = new TargetGroupBindingSpec.ServiceReference(service, new IntOrString(80));
    spec.accept(s);
    binding.setSpec(s);
    return binding;
  }

  static Pod pod(String namespace, String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }

  static Service service(String namespace, String name, String type, Map<String, String> selector) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withSelector(selector)
        .addNewPort()
        .withPort(80)
        .withTargetPort(new IntOrString(8080))
        .endPort()
        .endSpec()
        .build();
  }

  static TargetGroupBinding create(KubernetesClient kube, TargetGroupBinding binding) {
    return kube.resources(TargetGroupBinding.class).resource(binding).create();
  }

  static TargetGroupBinding dryRun(KubernetesClient kube, TargetGroupBinding binding) {
    return kube.resources(TargetGroupBinding.class).resource(binding).dryRun().create();
  }

  /** The apiserver's refusal message, or null when the call went through. */
  static String refusal(Supplier<?> call) {
    try {
      call.get();
      return null;
    } catch (KubernetesClientException e) {
      return e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage()
          : e.getMessage();
    }
  }
}
