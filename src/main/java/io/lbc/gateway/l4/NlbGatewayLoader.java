package io.lbc.gateway.l4;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.gateway.GatewayConfigurations;
import io.lbc.gateway.l4.GatewayApi.BackendRef;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ReferenceGrant;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.gateway.l4.GatewayApi.Rule;
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
 * Reads what one NLB Gateway's build needs from the apiserver: the L4 routes of the cluster (listed
 * on every reconcile, as the reference does), the Services they name, ReferenceGrants and Namespace
 * labels, and the ListenerSets.
 */
public final class NlbGatewayLoader {
  private final KubernetesClient kube;
  private final Supplier<List<ListenerSet>> listenerSets;

  /**
   * @param listenerSets every ListenerSet (from the reconciler's informer; none when the
   *     GatewayListenerSet gate is off)
   */
  public NlbGatewayLoader(KubernetesClient kube, Supplier<List<ListenerSet>> listenerSets) {
    this.kube = kube;
    this.listenerSets = listenerSets;
  }

  public NlbGatewayInput load(Gateway gateway, Function<String, Optional<LoadBalancer>> existing) {
    var routes = new ArrayList<Route>();
    for (String kind : GatewayApi.L4_ROUTE_KINDS) {
      for (GenericKubernetesResource item :
          kube.genericKubernetesResources(GatewayKinds.route(kind))
              .inAnyNamespace()
              .list()
              .getItems()) {
        routes.add(GatewayApi.route(item));
      }
    }
    var services = new LinkedHashMap<String, Service>();
    for (Route route : routes) {
      for (Rule rule : route.rules()) {
        for (BackendRef ref : rule.backendRefsOrEmpty()) {
          String namespace =
              ref.namespace() == null ? route.metadata().namespace() : ref.namespace();
          String key = namespace + "/" + ref.name();
          if (!services.containsKey(key) && ref.name() != null) {
            Service service = kube.services().inNamespace(namespace).withName(ref.name()).get();
            if (service != null) {
              services.put(key, service);
            }
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
        services,
        referenceGrants(),
        namespaces,
        existing.apply(gateway.key()),
        configuration(gateway),
        kube.resources(TargetGroupConfiguration.class).inAnyNamespace().list().getItems(),
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
    return GatewayConfigurations.of(
        GatewayApi.typed(gateway),
        gatewayClass,
        (namespace, name) ->
            Optional.ofNullable(
                kube.resources(LoadBalancerConfiguration.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get()));
  }

  /** Absent ReferenceGrant CRD: no grant, so every cross-namespace reference is denied. */
  private List<ReferenceGrant> referenceGrants() {
    try {
      return kube
          .genericKubernetesResources(GatewayKinds.REFERENCE_GRANT)
          .inAnyNamespace()
          .list()
          .getItems()
          .stream()
          .map(GatewayApi::referenceGrant)
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }
}
