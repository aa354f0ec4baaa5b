package io.lbc.reconcile;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.WatchScope;
import io.lbc.k8s.cache.CacheEventSource;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimEndpoints;
import io.lbc.k8s.cache.SlimNode;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.k8s.cache.SlimService;
import io.lbc.targets.ClusterView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caches a TargetGroupBinding reconcile reads (Services, EndpointSlices or Endpoints, Pods,
 * Nodes), shared with every other controller through {@link ClusterCache}, and the mapping of their
 * events to the bindings they affect: slices and Services by the Service a binding names, pods by
 * the readiness gates they carry, nodes to every instance binding. They also serve as the engine's
 * {@link ClusterView}, handing out the cached records themselves: no fabric8 copy is made.
 */
final class TargetGroupBindingSources implements ClusterView {
  private static final String BY_SERVICE = "byService";

  private IndexedResourceCache<TargetGroupBinding> bindings;
  private SharedIndexInformer<SlimService> services;
  private final boolean endpointSlices;
  private SharedIndexInformer<SlimEndpointSlice> slices;
  private SharedIndexInformer<SlimEndpoints> endpoints;
  private SharedIndexInformer<SlimPod> pods;
  private SharedIndexInformer<SlimNode> nodes;
  private ClusterCache cache;
  private Optional<String> scope;

  /**
   * @param endpointSlices {@code --enable-endpoint-slices}: watch EndpointSlices, or (false) the
   *     core/v1 Endpoints, as the reference
   */
  TargetGroupBindingSources(boolean endpointSlices) {
    this.endpointSlices = endpointSlices;
  }

  List<EventSource<?, TargetGroupBinding>> create(EventSourceContext<TargetGroupBinding> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            BY_SERVICE,
            b -> List.of(ClusterCache.serviceKey(b.getMetadata().getNamespace(), serviceName(b))));
    bindings = context.getPrimaryCache();
    cache = ClusterCache.of(context.getClient());
    scope = WatchScope.of(context);
    var serviceSource =
        new CacheEventSource<SlimService, TargetGroupBinding>(
            cache, SlimService.class, scope, s -> byService(s.meta().namespace(), s.meta().name()));
    EventSource<?, TargetGroupBinding> endpointSource;
    if (endpointSlices) {
      var sliceSource =
          new CacheEventSource<SlimEndpointSlice, TargetGroupBinding>(
              cache,
              SlimEndpointSlice.class,
              scope,
              s -> byService(s.meta().namespace(), s.serviceName()));
      slices = sliceSource.informer();
      endpointSource = sliceSource;
    } else {
      var endpointsSource =
          new CacheEventSource<SlimEndpoints, TargetGroupBinding>(
              cache,
              SlimEndpoints.class,
              scope,
              e -> byService(e.meta().namespace(), e.meta().name()));
      endpoints = endpointsSource.informer();
      endpointSource = endpointsSource;
    }
    var podSource =
        new CacheEventSource<SlimPod, TargetGroupBinding>(
            cache, SlimPod.class, scope, TargetGroupBindingSources::byReadinessGates);
    var nodeSource =
        new CacheEventSource<SlimNode, TargetGroupBinding>(
            cache, SlimNode.class, Optional.empty(), n -> instanceBindings());
    services = serviceSource.informer();
    pods = podSource.informer();
    nodes = nodeSource.informer();
    return List.of(serviceSource, endpointSource, podSource, nodeSource);
  }

  private Set<ResourceID> byService(String namespace, String service) {
    if (service == null || bindings == null) {
      return Set.of();
    }
    return bindings.byIndex(BY_SERVICE, ClusterCache.serviceKey(namespace, service)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Set<ResourceID> byReadinessGates(SlimPod pod) {
    return pod.readinessGates().stream()
        .map(SlimPod.Gate::conditionType)
        .filter(t -> t != null && t.startsWith(SlimPod.GATE_PREFIX))
        .map(t -> new ResourceID(t.substring(SlimPod.GATE_PREFIX.length()), pod.meta().namespace()))
        .collect(Collectors.toSet());
  }

  private Set<ResourceID> instanceBindings() {
    return bindings == null
        ? Set.of()
        : bindings
            .list(b -> b.getSpec() != null && b.getSpec().targetType != BindingTargetType.IP)
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet());
  }

  private static String serviceName(TargetGroupBinding binding) {
    return binding.getSpec() == null || binding.getSpec().serviceRef == null
        ? ""
        : binding.getSpec().serviceRef.name;
  }

  @Override
  public Optional<SlimService> service(String namespace, String name) {
    return Optional.ofNullable(services.getIndexer().getByKey(key(namespace, name)));
  }

  @Override
  public List<SlimEndpointSlice> endpointSlices(String namespace, String serviceName) {
    if (!endpointSlices) {
      return Optional.ofNullable(endpoints.getIndexer().getByKey(key(namespace, serviceName)))
          .map(SlimEndpoints::toEndpointSlices)
          .orElse(List.of());
    }
    return slices
        .getIndexer()
        .byIndex(ClusterCache.BY_SERVICE, ClusterCache.serviceKey(namespace, serviceName));
  }

  @Override
  public Optional<SlimPod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.getIndexer().getByKey(key(namespace, name)));
  }

  @Override
  public List<SlimPod> pods(String namespace) {
    return cache.inNamespace(SlimPod.class, scope, namespace);
  }

  @Override
  public List<SlimNode> nodes() {
    return nodes.getIndexer().list();
  }

  @Override
  public List<TargetGroupBinding> bindings() {
    return bindings.list().toList();
  }

  private static String key(String namespace, String name) {
    return Cache.namespaceKeyFunc(namespace, name);
  }
}
