package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.lbc.k8s.AlbTargetControlConfig;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.k8s.cache.LeanItemStore;
import io.lbc.k8s.cache.SlimService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lookups over a live cluster, over the controller's watched namespace ({@code
 * --watch-namespace}) or all, as the reference's webhooks read its manager's namespace-scoped
 * cache: Services from the shared cluster cache ({@link SlimService}, the informer the controllers
 * read: a Service is held once), TargetGroupBindings (indexed by target group ARN) from an informer
 * started here; IngressClass, IngressClassParams, Namespace and ALBTargetControlConfig by GET.
 */
public final class KubeLookups
    implements BindingLookups, IngressClassLookups, AlbTargetControlLookups, AutoCloseable {
  private static final String BY_ARN = "targetGroupARN";

  private final KubernetesClient kube;
  private final SharedIndexInformer<TargetGroupBinding> bindings;
  private final SharedIndexInformer<SlimService> services;

  private KubeLookups(
      KubernetesClient kube,
      SharedIndexInformer<TargetGroupBinding> bindings,
      SharedIndexInformer<SlimService> services) {
    this.kube = kube;
    this.bindings = bindings;
    this.services = services;
  }

  /**
   * Starts the binding informer and takes (starting it if no controller has yet) the shared Service
   * informer of the scope; {@link #synced()} says when their first list has arrived.
   *
   * @param watchNamespace the one namespace watched, or empty for all
   */
  public static KubeLookups start(KubernetesClient kube, Optional<String> watchNamespace) {
    var resources = kube.resources(TargetGroupBinding.class);
    var scoped =
        watchNamespace.isPresent()
            ? resources.inNamespace(watchNamespace.get())
            : resources.inAnyNamespace();
    SharedIndexInformer<TargetGroupBinding> bindings =
        scoped.withLimit(InformerPaging.LIST_PAGE_SIZE).runnableInformer(0);
    bindings.addIndexers(
        Map.<String, Function<TargetGroupBinding, List<String>>>of(BY_ARN, KubeLookups::arnOf));
    bindings.itemStore(new LeanItemStore<>());
    SharedIndexInformer<SlimService> services =
        ClusterCache.of(kube).informer(SlimService.class, watchNamespace);
    bindings.start();
    return new KubeLookups(kube, bindings, services);
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
  public Optional<SlimService> service(String namespace, String name) {
    return Optional.ofNullable(
        services.getStore().getByKey(ClusterCache.serviceKey(namespace, name)));
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

  /** Stops the binding informer; the Service informer is the cluster cache's, closed with it. */
  @Override
  public void close() {
    bindings.close();
  }
}
