package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.SlimService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The cluster as the webhooks see it, in memory. */
public final class FakeLookups implements BindingLookups, IngressClassLookups {
  public final List<TargetGroupBinding> bindings = new ArrayList<>();
  public final List<Service> services = new ArrayList<>();
  public final List<IngressClass> ingressClasses = new ArrayList<>();
  public final List<IngressClassParams> params = new ArrayList<>();
  public final List<Namespace> namespaces = new ArrayList<>();

  public FakeLookups namespace(String name, Map<String, String> labels) {
    namespaces.add(
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .build());
    return this;
  }

  @Override
  public List<TargetGroupBinding> bindingsOfTargetGroup(String arn) {
    return bindings.stream().filter(b -> arn.equals(b.getSpec().targetGroupARN)).toList();
  }

  @Override
  public List<TargetGroupBinding> bindingsIn(String namespace) {
    return bindings.stream().filter(b -> namespace.equals(b.getMetadata().getNamespace())).toList();
  }

  @Override
  public Optional<SlimService> service(String namespace, String name) {
    return services.stream()
        .filter(
            s ->
                namespace.equals(s.getMetadata().getNamespace())
                    && name.equals(s.getMetadata().getName()))
        .findFirst()
        .map(SlimService::of);
  }

  @Override
  public Optional<IngressClass> ingressClass(String name) {
    return ingressClasses.stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
  }

  @Override
  public List<IngressClass> ingressClasses() {
    return List.copyOf(ingressClasses);
  }

  @Override
  public Optional<IngressClassParams> ingressClassParams(String name) {
    return params.stream().filter(p -> name.equals(p.getMetadata().getName())).findFirst();
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return namespaces.stream()
        .filter(n -> Objects.equals(name, n.getMetadata().getName()))
        .findFirst();
  }
}
