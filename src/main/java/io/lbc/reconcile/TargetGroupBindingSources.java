package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.InformerTrims;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.targets.ClusterView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The informers a TargetGroupBinding reconcile reads (Services, EndpointSlices, Pods, Nodes), each
 * trimmed to the fields used, and the mapping of their events to the bindings they affect: slices
 * and Services by the Service a binding names, pods by the readiness gates they carry, nodes to
 * every instance binding. They also serve as the engine's {@link ClusterView}.
 */
final class TargetGroupBindingSources implements ClusterView {
  private static final String BY_SERVICE = "byService";
  private static final String GATE_PREFIX = "target-health.elbv2.k8s.aws/";

  private IndexedResourceCache<TargetGroupBinding> bindings;
  private InformerEventSource<Service, TargetGroupBinding> services;
  private InformerEventSource<EndpointSlice, TargetGroupBinding> slices;
  private InformerEventSource<Pod, TargetGroupBinding> pods;
  private InformerEventSource<Node, TargetGroupBinding> nodes;

  List<EventSource<?, TargetGroupBinding>> create(EventSourceContext<TargetGroupBinding> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            BY_SERVICE, b -> List.of(serviceKey(b.getMetadata().getNamespace(), serviceName(b))));
    bindings = context.getPrimaryCache();

    services =
        new InformerEventSource<>(
            namespaced(Service.class, InformerTrims::service)
                .withSecondaryToPrimaryMapper(
                    s -> byService(s.getMetadata().getNamespace(), s.getMetadata().getName()))
                .withOnUpdateFilter(
                    (now, before) -> !InformerTrims.unchanged(InformerTrims::service, now, before))
                .build(),
            context);
    slices =
        new InformerEventSource<>(
            namespaced(EndpointSlice.class, InformerTrims::endpointSlice)
                .withLabelSelector(InformerTrims.SERVICE_NAME_LABEL)
                .withSecondaryToPrimaryMapper(
                    s ->
                        byService(
                            s.getMetadata().getNamespace(),
                            s.getMetadata().getLabels().get(InformerTrims.SERVICE_NAME_LABEL)))
                .withOnUpdateFilter(
                    (now, before) ->
                        !InformerTrims.unchanged(InformerTrims::endpointSlice, now, before))
                .build(),
            context);
    pods =
        new InformerEventSource<>(
            namespaced(Pod.class, InformerTrims::pod)
                .withSecondaryToPrimaryMapper(TargetGroupBindingSources::byReadinessGates)
                .withOnUpdateFilter(
                    (now, before) -> !InformerTrims.unchanged(InformerTrims::pod, now, before))
                .build(),
            context);
    nodes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, TargetGroupBinding.class)
                .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withItemStore(new TransformingItemStore<>(InformerTrims::node))
                .withPrimaryToSecondaryMapper(none())
                .withSecondaryToPrimaryMapper(n -> instanceBindings())
                .withOnUpdateFilter(
                    (now, before) -> !InformerTrims.unchanged(InformerTrims::node, now, before))
                .build(),
            context);
    return List.of(services, slices, pods, nodes);
  }

  /**
   * Namespaced informers follow the controller's namespaces. No primary-to-secondary index is kept:
   * the engine reads the caches directly, and the index would grow with bindings × objects.
   */
  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> namespaced(
      Class<R> type, UnaryOperator<R> trim) {
    return InformerEventSourceConfiguration.from(type, TargetGroupBinding.class)
        .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
        .withNamespacesInheritedFromController()
        .withItemStore(new TransformingItemStore<>(trim))
        .withPrimaryToSecondaryMapper(none());
  }

  private static io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper<
          TargetGroupBinding>
      none() {
    return binding -> Set.of();
  }

  private Set<ResourceID> byService(String namespace, String service) {
    if (service == null || bindings == null) {
      return Set.of();
    }
    return bindings.byIndex(BY_SERVICE, serviceKey(namespace, service)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Set<ResourceID> byReadinessGates(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getReadinessGates() == null) {
      return Set.of();
    }
    return pod.getSpec().getReadinessGates().stream()
        .map(PodReadinessGate::getConditionType)
        .filter(t -> t != null && t.startsWith(GATE_PREFIX))
        .map(
            t ->
                new ResourceID(t.substring(GATE_PREFIX.length()), pod.getMetadata().getNamespace()))
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

  private static String serviceKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public Optional<Service> service(String namespace, String name) {
    return services.get(new ResourceID(name, namespace));
  }

  @Override
  public List<EndpointSlice> endpointSlices(String namespace, String serviceName) {
    return slices
        .list(
            namespace,
            s ->
                serviceName.equals(
                    s.getMetadata().getLabels().get(InformerTrims.SERVICE_NAME_LABEL)))
        .toList();
  }

  @Override
  public Optional<Pod> pod(String namespace, String name) {
    return pods.get(new ResourceID(name, namespace));
  }

  @Override
  public List<Pod> pods(String namespace) {
    return pods.list(namespace, p -> true).toList();
  }

  @Override
  public List<Node> nodes() {
    return nodes.list().toList();
  }

  @Override
  public List<TargetGroupBinding> bindings() {
    return bindings.list().toList();
  }
}
