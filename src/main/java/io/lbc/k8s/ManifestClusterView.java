package io.lbc.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link ClusterView} over a fixed list of objects, e.g. the manifests {@code plan} reads. */
public final class ManifestClusterView implements ClusterView {
  private final List<HasMetadata> objects;

  public ManifestClusterView(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  @Override
  public List<Ingress> ingresses() {
    return of(Ingress.class).toList();
  }

  /** Every Service of the manifests. */
  public List<Service> services() {
    return of(Service.class).toList();
  }

  @Override
  public Optional<Service> service(String namespace, String name) {
    return of(Service.class).filter(s -> matches(s, namespace, name)).findFirst();
  }

  @Override
  public Optional<IngressClass> ingressClass(String name) {
    return of(IngressClass.class).filter(c -> c.getMetadata().getName().equals(name)).findFirst();
  }

  @Override
  public Optional<IngressClassParams> ingressClassParams(String name) {
    return of(IngressClassParams.class)
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst();
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return of(Namespace.class).filter(n -> n.getMetadata().getName().equals(name)).findFirst();
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return of(Secret.class).filter(s -> matches(s, namespace, name)).findFirst();
  }

  /** Every object of the manifests. */
  public List<HasMetadata> objects() {
    return objects;
  }

  private <T extends HasMetadata> java.util.stream.Stream<T> of(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast);
  }

  private static boolean matches(HasMetadata object, String namespace, String name) {
    return Objects.equals(namespaceOf(object), namespace)
        && object.getMetadata().getName().equals(name);
  }

  /** Objects without a namespace in a manifest live in {@code default}. */
  static String namespaceOf(HasMetadata object) {
    return Optional.ofNullable(object.getMetadata().getNamespace()).orElse("default");
  }
}
