package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lbc.config.ControllerConfig.SecretLabel;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.WatchScope;
import io.lbc.k8s.cache.CacheEventSource;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.reconcile.OidcSecretSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The informers an ALB Gateway reconcile reads, and which Gateways each event concerns: a
 * GatewayClass its Gateways; a route the Gateways its parentRefs name; Services, ReferenceGrants
 * and the configuration CRDs every Gateway of this controller (few objects, rare changes); an OIDC
 * Secret the Gateways whose routes use it.
 *
 * <p>Namespaced kinds are watched in the controller's namespace only ({@code --watch-namespace}),
 * as the reference's manager cache is scoped; GatewayClasses are cluster-scoped. Services come from
 * the {@link ClusterCache} every controller shares (one slim informer per scope, not a second full
 * copy of every Service).
 */
final class GatewaySources {
  private InformerEventSource<GatewayClass, Gateway> classes;
  private InformerEventSource<HTTPRoute, Gateway> httpRoutes;
  private InformerEventSource<GRPCRoute, Gateway> grpcRoutes;
  private SharedIndexInformer<SlimService> services;
  private InformerEventSource<ReferenceGrant, Gateway> grants;
  private InformerEventSource<LoadBalancerConfiguration, Gateway> loadBalancerConfigs;
  private InformerEventSource<TargetGroupConfiguration, Gateway> targetGroupConfigs;
  private InformerEventSource<ListenerRuleConfiguration, Gateway> listenerRuleConfigs;
  private InformerEventSource<ListenerSet, Gateway> listenerSets;
  private OidcSecretSource<Gateway> secrets;
  private final boolean withListenerSets;
  private final Optional<SecretLabel> requiredSecretsLabel;
  private EventSourceContext<Gateway> context;

  /**
   * @param withListenerSets whether to watch ListenerSets (the GatewayListenerSet gate is on and
   *     the apiserver serves the kind); without it the Gateways see none
   * @param requiredSecretsLabel {@code --required-secrets-label}: the OIDC Secret watches select it
   */
  GatewaySources(boolean withListenerSets, Optional<SecretLabel> requiredSecretsLabel) {
    this.withListenerSets = withListenerSets;
    this.requiredSecretsLabel = requiredSecretsLabel;
  }

  List<EventSource<?, Gateway>> create(EventSourceContext<Gateway> context) {
    this.context = context;
    classes = GatewayClassEvents.source(context);
    httpRoutes = source(HTTPRoute.class, r -> parentsOf(RouteView.of(r)));
    grpcRoutes = source(GRPCRoute.class, r -> parentsOf(RouteView.of(r)));
    var serviceSource =
        new CacheEventSource<SlimService, Gateway>(
            ClusterCache.of(context.getClient()),
            SlimService.class,
            WatchScope.of(context),
            s -> all());
    services = serviceSource.informer();
    grants = source(ReferenceGrant.class, g -> all());
    loadBalancerConfigs = source(LoadBalancerConfiguration.class, c -> all());
    targetGroupConfigs = source(TargetGroupConfiguration.class, c -> all());
    listenerRuleConfigs = source(ListenerRuleConfiguration.class, c -> all());
    secrets = new OidcSecretSource<>(context.getClient(), requiredSecretsLabel);
    var result =
        new ArrayList<EventSource<?, Gateway>>(
            List.of(
                classes,
                httpRoutes,
                grpcRoutes,
                serviceSource,
                grants,
                loadBalancerConfigs,
                targetGroupConfigs,
                listenerRuleConfigs,
                secrets));
    if (withListenerSets) {
      listenerSets = source(ListenerSet.class, s -> parentOf(s).map(Set::of).orElse(Set.of()));
      result.add(listenerSets);
    }
    return result;
  }

  /** Every ListenerSet (none when they are not watched). */
  List<ListenerSet> listenerSets() {
    return listenerSets == null ? List.of() : listenerSets.list().toList();
  }

  Optional<GatewayClass> gatewayClass(String name) {
    return classes.get(new ResourceID(name));
  }

  List<RouteView> routes() {
    var result = new ArrayList<RouteView>();
    httpRoutes.list().forEach(r -> result.add(RouteView.of(r)));
    grpcRoutes.list().forEach(r -> result.add(RouteView.of(r)));
    return result;
  }

  /** The Services of the watched scope, as the shared cache holds them. */
  List<SlimService> services() {
    return services.getStore().list();
  }

  List<ReferenceGrant> referenceGrants() {
    return grants.list().toList();
  }

  List<TargetGroupConfiguration> targetGroupConfigurations() {
    return targetGroupConfigs.list().toList();
  }

  List<ListenerRuleConfiguration> listenerRuleConfigurations() {
    return listenerRuleConfigs.list().toList();
  }

  /**
   * The OIDC Secrets of the ListenerRuleConfigurations this Gateway's routes reference, each read
   * through its own watch by name (RBAC allows no more, and never a list of every Secret); a
   * creation, change or deletion of one of them reconciles this Gateway again. A missing one is
   * simply absent: the route using it is refused.
   */
  List<Secret> oidcSecrets(Gateway gateway, List<ListenerRuleConfiguration> configurations) {
    ResourceID id = ResourceID.fromResource(gateway);
    var used = new java.util.HashSet<String>();
    routes().stream()
        .filter(r -> parentsOf(r).contains(id))
        .forEach(r -> ListenerRuleConfigs.names(r).forEach(n -> used.add(r.namespace() + "/" + n)));
    var keys = new java.util.LinkedHashSet<OidcSecretSource.SecretKey>();
    configurations.stream()
        .filter(
            c -> used.contains(c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()))
        .forEach(c -> ListenerRuleConfigs.oidcSecret(c).ifPresent(keys::add));
    secrets.retain(secretGroup(gateway), Set.of(id), keys);
    var result = new ArrayList<Secret>();
    keys.forEach(k -> secrets.get(k).ifPresent(result::add));
    return List.copyOf(result);
  }

  /** Stops the Secret watches kept for a Gateway that is gone or no longer ours. */
  void forgetSecrets(Gateway gateway) {
    secrets.retain(secretGroup(gateway), Set.of(), Set.of());
  }

  private static String secretGroup(Gateway gateway) {
    return "gateway "
        + gateway.getMetadata().getNamespace()
        + "/"
        + gateway.getMetadata().getName();
  }

  Optional<LoadBalancerConfiguration> loadBalancerConfiguration(String namespace, String name) {
    return loadBalancerConfigs.get(new ResourceID(name, namespace));
  }

  /** A namespaced kind, watched where the controller watches its Gateways. */
  private <R extends HasMetadata> InformerEventSource<R, Gateway> source(
      Class<R> type, Function<R, Set<ResourceID>> mapper) {
    return new InformerEventSource<>(
        WatchScope.scoped(configuration(type, mapper), context).build(), context);
  }

  /** A cluster-scoped kind. */
  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> configuration(
      Class<R> type, Function<R, Set<ResourceID>> mapper) {
    return InformerEventSourceConfiguration.from(type, Gateway.class)
        .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
        .withPrimaryToSecondaryMapper(g -> Set.of())
        .withSecondaryToPrimaryMapper(mapper::apply);
  }

  /** The Gateways a route's parentRefs name, directly or through a ListenerSet. */
  private Set<ResourceID> parentsOf(RouteView route) {
    var result = new java.util.HashSet<ResourceID>();
    for (var p : route.parentRefs()) {
      var id =
          new ResourceID(
              p.getName(), p.getNamespace() == null ? route.namespace() : p.getNamespace());
      if (p.getKind() == null || p.getKind().equals("Gateway")) {
        result.add(id);
      } else if (p.getKind().equals("ListenerSet") && listenerSets != null) {
        listenerSets.get(id).flatMap(GatewaySources::parentOf).ifPresent(result::add);
      }
    }
    return result;
  }

  /** The Gateway a ListenerSet's parentRef names. */
  private static Optional<ResourceID> parentOf(ListenerSet listenerSet) {
    return ListenerSetHandshake.parentGateway(listenerSet);
  }

  private Set<ResourceID> all() {
    return gateways(g -> true);
  }

  private Set<ResourceID> gateways(java.util.function.Predicate<Gateway> filter) {
    return context
        .getPrimaryCache()
        .list(filter)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
