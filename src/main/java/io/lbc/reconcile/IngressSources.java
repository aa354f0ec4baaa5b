package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.WatchScope;
import io.lbc.k8s.cache.CacheEventSource;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.k8s.cache.SlimService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The informers the Ingress controller reads besides Ingresses, and which Ingresses each change
 * concerns: a Service → the Ingresses of its namespace that name it; an IngressClass → the
 * Ingresses of that class; IngressClassParams → the Ingresses of the classes using them; a
 * Namespace → its Ingresses (for IngressClassParams namespace selectors).
 */
public final class IngressSources {
  private static final String ACTIONS =
      Surface.INGRESS_ANNOTATION.prefix()
          + KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "actions.${name}");

  private SharedIndexInformer<SlimService> services;
  private InformerEventSource<IngressClass, Ingress> classes;
  private InformerEventSource<IngressClassParams, Ingress> params;
  private InformerEventSource<Namespace, Ingress> namespaces;

  List<EventSource<?, Ingress>> create(EventSourceContext<Ingress> context) {
    var primaries = context.getPrimaryCache();
    var cache = ClusterCache.of(context.getClient());
    var serviceSource =
        new CacheEventSource<SlimService, Ingress>(
            cache,
            SlimService.class,
            WatchScope.of(context),
            service ->
                ids(
                    primaries
                        .list(
                            i ->
                                Objects.equals(
                                    i.getMetadata().getNamespace(), service.meta().namespace()))
                        .filter(i -> references(i, service.meta().name()))));
    services = serviceSource.informer();
    classes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(IngressClass.class, Ingress.class)
                .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
                .withName("ingressclasses")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(
                    ingressClass ->
                        ids(
                            primaries.list(
                                i ->
                                    ingressClass
                                        .getMetadata()
                                        .getName()
                                        .equals(i.getSpec().getIngressClassName()))))
                .build(),
            context);
    params =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(IngressClassParams.class, Ingress.class)
                .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
                .withName("ingressclassparams")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(
                    p -> {
                      Set<String> classNames =
                          classes
                              .list()
                              .filter(c -> c.getSpec().getParameters() != null)
                              .filter(
                                  c ->
                                      p.getMetadata()
                                          .getName()
                                          .equals(c.getSpec().getParameters().getName()))
                              .map(c -> c.getMetadata().getName())
                              .collect(Collectors.toSet());
                      return ids(
                          primaries.list(
                              i -> classNames.contains(i.getSpec().getIngressClassName())));
                    })
                .build(),
            context);
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, Ingress.class)
                .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
                .withName("namespaces")
                .withWatchAllNamespaces()
                .withOnUpdateFilter(
                    (now, before) ->
                        !Objects.equals(
                            now.getMetadata().getLabels(), before.getMetadata().getLabels()))
                .withSecondaryToPrimaryMapper(
                    ns ->
                        ids(
                            primaries.list(
                                i ->
                                    ns.getMetadata()
                                        .getName()
                                        .equals(i.getMetadata().getNamespace()))))
                .build(),
            context);
    return List.of(serviceSource, classes, params, namespaces);
  }

  /** From the cache shared with the TargetGroupBinding controller (one Service informer). */
  java.util.Optional<SlimService> service(String namespace, String name) {
    return java.util.Optional.ofNullable(
        services.getIndexer().getByKey(ClusterCache.serviceKey(namespace, name)));
  }

  java.util.Optional<IngressClass> ingressClass(String name) {
    return classes.get(new ResourceID(name));
  }

  java.util.Optional<IngressClassParams> ingressClassParams(String name) {
    return params.get(new ResourceID(name));
  }

  java.util.Optional<Namespace> namespace(String name) {
    return namespaces.get(new ResourceID(name));
  }

  /** Whether the Ingress names the Service as a backend, or in an {@code actions.*} annotation. */
  static boolean references(Ingress ingress, String service) {
    var backends = new ArrayList<IngressBackend>();
    if (ingress.getSpec().getDefaultBackend() != null) {
      backends.add(ingress.getSpec().getDefaultBackend());
    }
    if (ingress.getSpec().getRules() != null) {
      ingress.getSpec().getRules().stream()
          .filter(r -> r.getHttp() != null)
          .flatMap(r -> r.getHttp().getPaths().stream())
          .forEach(p -> backends.add(p.getBackend()));
    }
    boolean direct =
        backends.stream()
            .anyMatch(b -> b.getService() != null && service.equals(b.getService().getName()));
    var annotations = ingress.getMetadata().getAnnotations();
    boolean inActions =
        annotations != null
            && annotations.entrySet().stream()
                .anyMatch(
                    e ->
                        e.getKey().startsWith(ACTIONS)
                            && e.getValue().contains("\"" + service + "\""));
    return direct || inActions;
  }

  private static Set<ResourceID> ids(Stream<? extends HasMetadata> objects) {
    return objects.map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
