package io.lbc.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.lbc.k8s.cache.SlimService;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the cluster objects stack building reads: informer caches in the controller,
 * a list of manifests in {@code plan} and the golden tests.
 */
public interface ClusterView {
  /** Every Ingress in scope, in no particular order. */
  List<Ingress> ingresses();

  /**
   * A Service as the shared cache holds it: the fields stack building reads, never a full object.
   */
  Optional<SlimService> service(String namespace, String name);

  Optional<IngressClass> ingressClass(String name);

  Optional<IngressClassParams> ingressClassParams(String name);

  Optional<Namespace> namespace(String name);

  /**
   * A Secret an Ingress references (the OIDC client credentials). Only referenced Secrets are ever
   * read; a view that holds none answers empty, which leaves the referencing member out.
   */
  default Optional<Secret> secret(String namespace, String name) {
    return Optional.empty();
  }
}
