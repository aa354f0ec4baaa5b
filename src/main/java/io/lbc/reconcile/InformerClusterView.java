package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.lbc.k8s.ClusterView;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.cache.SlimService;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A {@link ClusterView} over the Ingress controller's informer caches. */
final class InformerClusterView implements ClusterView {
  private final IndexedResourceCache<Ingress> ingresses;
  private final IngressSources sources;
  private final Function<OidcSecretSource.SecretKey, Optional<Secret>> secrets;

  /**
   * @param secrets reads a referenced Secret (and records that it was read)
   */
  InformerClusterView(
      IndexedResourceCache<Ingress> ingresses,
      IngressSources sources,
      Function<OidcSecretSource.SecretKey, Optional<Secret>> secrets) {
    this.ingresses = ingresses;
    this.sources = sources;
    this.secrets = secrets;
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return secrets.apply(new OidcSecretSource.SecretKey(namespace, name));
  }

  @Override
  public List<Ingress> ingresses() {
    return ingresses.list().toList();
  }

  @Override
  public Optional<SlimService> service(String namespace, String name) {
    return sources.service(namespace, name);
  }

  @Override
  public Optional<IngressClass> ingressClass(String name) {
    return sources.ingressClass(name);
  }

  @Override
  public Optional<IngressClassParams> ingressClassParams(String name) {
    return sources.ingressClassParams(name);
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return sources.namespace(name);
  }
}
