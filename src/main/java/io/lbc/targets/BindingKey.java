package io.lbc.targets;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A binding by namespace and name. */
public record BindingKey(String namespace, String name) {
  public static BindingKey of(HasMetadata binding) {
    return new BindingKey(binding.getMetadata().getNamespace(), binding.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
