package io.lbc.service;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the other Services of a namespace that an NLB Service's {@code actions.*} annotation names
 * by {@code serviceName} (the reference reads them with a plain get and does not watch them: a
 * change to one is seen at the next reconcile of the Service that names it).
 */
@FunctionalInterface
public interface BackendServices {
  /**
   * Finds none: a {@code serviceName} target group is then reported as naming a missing Service.
   */
  BackendServices NONE = (namespace, name) -> Optional.empty();

  Optional<Service> find(String namespace, String name);

  static BackendServices from(KubernetesClient kube) {
    return (namespace, name) ->
        Optional.ofNullable(kube.services().inNamespace(namespace).withName(name).get());
  }

  /** The Services of a set of manifests (plan, golden tests); a missing namespace is default. */
  static BackendServices of(Collection<Service> services) {
    return (namespace, name) ->
        services.stream()
            .filter(s -> name.equals(s.getMetadata().getName()))
            .filter(
                s ->
                    namespace.equals(
                        Objects.requireNonNullElse(s.getMetadata().getNamespace(), "default")))
            .findFirst();
  }
}
