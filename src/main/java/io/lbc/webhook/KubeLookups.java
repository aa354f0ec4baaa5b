package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.lbc.k8s.AlbTargetControlConfig;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.LeanItemStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lookups over a live cluster: TargetGroupBindings (indexed by target group ARN) and Services
 * from informers started here, IngressClass, IngressClassParams, Namespace and
 * ALBTargetControlConfig by GET.
 */
public final class KubeLookups
    implements BindingLookups, IngressClassLookups, AlbTargetControlLookups, AutoCloseable {
  private static final String BY_ARN = "targetGroupARN";

  private final KubernetesClient kube;
  private final SharedIndexInformer<TargetGroupBinding> bindings;
  private final SharedIndexInformer<Service> services;

  private KubeLookups(
      KubernetesClient kube,
      SharedIndexInformer<TargetGroupBinding> bindings,
      SharedIndexInformer<Service> services) {
    this.kube = kube;
    this.bindings = bindings;
    this.services = services;
  }

  /** Starts the informers; {@link #synced()} says when their first list has arrived. */
  public static KubeLookups start(KubernetesClient kube) {
    SharedIndexInformer<TargetGroupBinding> bindings =
        kube.resources(TargetGroupBinding.class)
            .inAnyNamespace()
            .withLimit(InformerPaging.LIST_PAGE_SIZE)
            .runnableInformer(0);
    bindings.addIndexers(
        Map.<String, Function<TargetGroupBinding, List<String>>>of(BY_ARN, KubeLookups::arnOf));
    bindings.itemStore(new LeanItemStore<>());
    SharedIndexInformer<Service> services =
        kube.services()
            .inAnyNamespace()
            .withLimit(InformerPaging.LIST_PAGE_SIZE)
            .runnableInformer(0);
    // the pod readiness-gate webhook reads a Service's selector and nothing else
    services.itemStore(new LeanItemStore<>(KubeLookups::selectorOnly)).removeNamespaceIndex();
    bindings.start();
    services.start();
    return new KubeLookups(kube, bindings, services);
  }

  static Service selectorOnly(Service service) {
    var meta = service.getMetadata();
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(meta.getNamespace())
        .withName(meta.getName())
        .withResourceVersion(meta.getResourceVersion())
        .endMetadata()
        .withNewSpec()
        .withSelector(service.getSpec() == null ? null : service.getSpec().getSelector())
        .endSpec()
        .build();
  }

  private static List<String> arnOf(TargetGroupBinding binding) {
    String arn = binding.getSpec() == null ? null : binding.getSpec().targetGroupARN;
    return arn == null || arn.isEmpty() ? List.of() : List.of(arn);
  }

  public boolean synced() {
    return bindings.hasSynced() && services.hasSynced();
  }

  @Override
  public List<TargetGroupBinding> bindingsOfTargetGroup(String arn) {
    return bindings.getIndexer().byIndex(BY_ARN, arn);
  }

  @Override
  public List<TargetGroupBinding> bindingsIn(String namespace) {
    return bindings.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(services.getStore().getByKey(namespace + "/" + name));
  }

  @Override
  public Optional<IngressClass> ingressClass(String name) {
    return Optional.ofNullable(kube.network().v1().ingressClasses().withName(name).get());
  }

  @Override
  public List<IngressClass> ingressClasses() {
    return kube.network().v1().ingressClasses().list().getItems();
  }

  @Override
  public Optional<IngressClassParams> ingressClassParams(String name) {
    return Optional.ofNullable(kube.resources(IngressClassParams.class).withName(name).get());
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return Optional.ofNullable(kube.namespaces().withName(name).get());
  }

  @Override
  public Optional<AlbTargetControlConfig> albTargetControlConfig(String namespace) {
    return Optional.ofNullable(
        kube.resources(AlbTargetControlConfig.class)
            .inNamespace(namespace)
            .withName(AlbTargetControlConfig.NAME)
            .get());
  }

  @Override
  public void close() {
    bindings.close();
    services.close();
  }
}
