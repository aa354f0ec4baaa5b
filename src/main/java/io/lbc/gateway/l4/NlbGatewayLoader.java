package io.lbc.gateway.l4;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.gateway.GatewayConfigurations;
import io.lbc.gateway.l4.GatewayApi.BackendRef;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ReferenceGrant;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.gateway.l4.GatewayApi.Rule;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads what one NLB Gateway's build needs: the L4 routes (listed from the apiserver on every
 * reconcile, as the reference does), the Services they name (from the shared slim cache),
 * ReferenceGrants and Namespace labels. Under {@code --watch-namespace} namespaced objects are read
 * in that namespace only, as the reference's manager cache reads them: a route or Service elsewhere
 * is not seen.
 */
public final class NlbGatewayLoader {
  private final KubernetesClient kube;
  private final Optional<String> namespace;
  private final Function<String, Optional<SlimService>> services;
  private final Supplier<List<ListenerSet>> listenerSets;

  /**
   * @param namespace the one namespace the controller watches, or empty for all
   * @param services the cached Service of a {@code namespace/name} key, within that scope
   * @param listenerSets every ListenerSet (from the reconciler's informer; none when the
   *     GatewayListenerSet gate is off)
   */
  public NlbGatewayLoader(
      KubernetesClient kube,
      Optional<String> namespace,
      Function<String, Optional<SlimService>> services,
      Supplier<List<ListenerSet>> listenerSets) {
    this.kube = kube;
    this.namespace = namespace;
    this.services = services;
    this.listenerSets = listenerSets;
  }

  public NlbGatewayInput load(Gateway gateway, Function<String, Optional<LoadBalancer>> existing) {
    var routes = new ArrayList<Route>();
    for (String kind : GatewayApi.L4_ROUTE_KINDS) {
      for (GenericKubernetesResource item :
          scoped(kube.genericKubernetesResources(GatewayKinds.route(kind)))) {
        routes.add(GatewayApi.route(item));
      }
    }
    var backends = new LinkedHashMap<String, SlimService>();
    for (Route route : routes) {
      for (Rule rule : route.rules()) {
        for (BackendRef ref : rule.backendRefsOrEmpty()) {
          String namespace =
              ref.namespace() == null ? route.metadata().namespace() : ref.namespace();
          String key = namespace + "/" + ref.name();
          if (!backends.containsKey(key) && ref.name() != null) {
            services.apply(key).ifPresent(service -> backends.put(key, service));
          }
        }
      }
    }
    var namespaces = new LinkedHashMap<String, Map<String, String>>();
    for (Namespace namespace : kube.namespaces().list().getItems()) {
      var labels = namespace.getMetadata().getLabels();
      namespaces.put(namespace.getMetadata().getName(), labels == null ? Map.of() : labels);
    }
    return new NlbGatewayInput(
        gateway,
        List.copyOf(routes),
        backends,
        referenceGrants(),
        namespaces,
        existing.apply(gateway.key()),
        configuration(gateway),
        scoped(kube.resources(TargetGroupConfiguration.class)),
        listenerSets.get());
  }

  /**
   * The class's and the Gateway's LoadBalancerConfiguration, merged as for ALB Gateways.
   *
   * @throws io.lbc.model.UserInputException when a reference is bad or names a missing object
   */
  private Optional<LoadBalancerConfigurationSpec> configuration(Gateway gateway) {
    GatewayClass gatewayClass =
        kube.resources(GatewayClass.class).withName(gateway.spec().gatewayClassName()).get();
    if (gatewayClass == null) {
      gatewayClass = new GatewayClass();
    }
    return GatewayConfigurations.of(GatewayApi.typed(gateway), gatewayClass, this::configuration);
  }

  /**
   * The configuration of a Gateway being torn down ({@link GatewayConfigurations#forDeletion}).
   *
   * @param classIsOurs whether its class is still ours (then the class's configuration counts)
   */
  public Optional<LoadBalancerConfigurationSpec> configurationForDeletion(
      Gateway gateway, boolean classIsOurs) {
    Optional<GatewayClass> ourClass =
        classIsOurs
            ? Optional.ofNullable(
                kube.resources(GatewayClass.class)
                    .withName(gateway.spec().gatewayClassName())
                    .get())
            : Optional.empty();
    return GatewayConfigurations.forDeletion(
        GatewayApi.typed(gateway), ourClass, this::configuration);
  }

  /** A LoadBalancerConfiguration, if it exists in the watched scope. */
  private Optional<LoadBalancerConfiguration> configuration(String configNamespace, String name) {
    return watched(configNamespace)
        ? Optional.ofNullable(
            kube.resources(LoadBalancerConfiguration.class)
                .inNamespace(configNamespace)
                .withName(name)
                .get())
        : Optional.empty();
  }

  /** Absent ReferenceGrant CRD: no grant, so every cross-namespace reference is denied. */
  private List<ReferenceGrant> referenceGrants() {
    try {
      return scoped(kube.genericKubernetesResources(GatewayKinds.REFERENCE_GRANT)).stream()
          .map(GatewayApi::referenceGrant)
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  /** Whether objects of the namespace are read (the watched one, or any when all are). */
  private boolean watched(String objectNamespace) {
    return namespace.map(objectNamespace::equals).orElse(true);
  }

  /** The objects of a kind in the watched namespace, or in all. */
  private <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> scoped(
      MixedOperation<T, L, ?> kind) {
    L list =
        namespace.isPresent()
            ? kind.inNamespace(namespace.get()).list()
            : kind.inAnyNamespace().list();
    return list.getItems();
  }
}
