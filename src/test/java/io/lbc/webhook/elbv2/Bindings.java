package io.lbc.webhook.elbv2;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import java.util.UUID;
import java.util.function.Consumer;

final class Bindings {
  private Bindings() {}

  static TargetGroupBinding binding(
      String namespace, String name, Consumer<TargetGroupBindingSpec> spec) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid(UUID.randomUUID().toString())
            .build());
    var s = new TargetGroupBindingSpec();
    s.serviceRef = new TargetGroupBindingSpec.ServiceReference("web", new IntOrString(80));
    spec.accept(s);
    binding.setSpec(s);
    return binding;
  }
}
