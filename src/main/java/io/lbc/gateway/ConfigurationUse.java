package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.k8s.WatchScope;
import io.lbc.k8s.gateway.L4RouteSpec;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TCPRoute;
import io.lbc.k8s.gateway.TLSRoute;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.UDPRoute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a Gateway configuration is still in use, which keeps its finalizer on deletion
 * (gateway-spec §1 "Finalizers"). Read from the apiserver at the moment of the question, in the
 * namespace the controller watches ({@code --watch-namespace}); GatewayClasses are cluster-wide. As
 * the reference, a class or Gateway is managed when its controllerName is either of ours, whether
 * or not that controller runs here.
 */
final class ConfigurationUse {
  private static final String LBC_KIND = "LoadBalancerConfiguration";
  private static final Set<String> CONTROLLERS =
      Arrays.stream(GatewayFlavor.values())
          .map(GatewayFlavor::controllerName)
          .collect(Collectors.toUnmodifiableSet());

  private final KubernetesClient kube;
  private final Optional<String> watchNamespace;

  ConfigurationUse(KubernetesClient kube, Optional<String> watchNamespace) {
    this.kube = kube;
    this.watchNamespace = watchNamespace;
  }

  /**
   * The users of a LoadBalancerConfiguration: managed classes whose parametersRef names it (kind,
   * namespace and name) and managed Gateways of its namespace whose {@code
   * spec.infrastructure.parametersRef} names it.
   */
  List<String> users(LoadBalancerConfiguration lbc) {
    String namespace = lbc.getMetadata().getNamespace();
    String name = lbc.getMetadata().getName();
    List<GatewayClass> classes = managedClasses();
    var users = new ArrayList<String>();
    for (GatewayClass c : classes) {
      var ref = c.getSpec().getParametersRef();
      if (ref != null
          && LBC_KIND.equals(ref.getKind())
          && namespace.equals(ref.getNamespace())
          && name.equals(ref.getName())) {
        users.add("GatewayClass " + c.getMetadata().getName());
      }
    }
    Set<String> classNames =
        classes.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    for (Gateway g : kube.resources(Gateway.class).inNamespace(namespace).list().getItems()) {
      var infrastructure = g.getSpec() == null ? null : g.getSpec().getInfrastructure();
      var ref = infrastructure == null ? null : infrastructure.getParametersRef();
      if (ref != null
          && LBC_KIND.equals(ref.getKind())
          && name.equals(ref.getName())
          && classNames.contains(g.getSpec().getGatewayClassName())) {
        users.add("Gateway " + namespace + "/" + g.getMetadata().getName());
      }
    }
    return users;
  }

  /**
   * The users of a TargetGroupConfiguration. A default one (no {@code targetReference}): the in-use
   * LoadBalancerConfigurations of its namespace naming it as {@code
   * defaultTargetGroupConfiguration}. One of a Service: the Accepted managed Gateways a route with
   * a backendRef to the Service attaches to, as long as the Service exists.
   */
  List<String> users(TargetGroupConfiguration tgc) {
    String namespace = tgc.getMetadata().getNamespace();
    var target = tgc.getSpec() == null ? null : tgc.getSpec().targetReference;
    if (target == null) {
      return kube
          .resources(LoadBalancerConfiguration.class)
          .inNamespace(namespace)
          .list()
          .getItems()
          .stream()
          .filter(
              l ->
                  l.getSpec() != null
                      && l.getSpec().defaultTargetGroupConfiguration != null
                      && tgc.getMetadata()
                          .getName()
                          .equals(l.getSpec().defaultTargetGroupConfiguration.name)
                      && !users(l).isEmpty())
          .map(l -> LBC_KIND + " " + namespace + "/" + l.getMetadata().getName())
          .toList();
    }
    if (kube.services().inNamespace(namespace).withName(target.name).get() == null) {
      return List.of();
    }
    Set<String> accepted = acceptedGateways();
    var users = new ArrayList<String>();
    for (Route route : routes()) {
      if (route.usesService(namespace, target.name)) {
        gateways(route).stream()
            .filter(accepted::contains)
            .map(g -> "Gateway " + g)
            .forEach(users::add);
      }
    }
    return users.stream().distinct().toList();
  }

  /** The HTTPRoutes and GRPCRoutes of its namespace whose rules name it in an ExtensionRef. */
  List<String> users(ListenerRuleConfiguration lrc) {
    String namespace = lrc.getMetadata().getNamespace();
    String name = lrc.getMetadata().getName();
    var routes = new ArrayList<RouteView>();
    kube.resources(HTTPRoute.class).inNamespace(namespace).list().getItems().stream()
        .map(RouteView::of)
        .forEach(routes::add);
    kube.resources(GRPCRoute.class).inNamespace(namespace).list().getItems().stream()
        .map(RouteView::of)
        .forEach(routes::add);
    return routes.stream()
        .filter(r -> ListenerRuleConfigs.names(r).contains(name))
        .map(r -> r.kind() + " " + r.key())
        .toList();
  }

  private List<GatewayClass> managedClasses() {
    return kube.resources(GatewayClass.class).list().getItems().stream()
        .filter(c -> c.getSpec() != null && CONTROLLERS.contains(c.getSpec().getControllerName()))
        .toList();
  }

  /** {@code namespace/name} of the managed Gateways whose Accepted condition is True. */
  private Set<String> acceptedGateways() {
    Set<String> classNames =
        managedClasses().stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    return list(Gateway.class).stream()
        .filter(g -> g.getSpec() != null && classNames.contains(g.getSpec().getGatewayClassName()))
        .filter(
            g ->
                g.getStatus() != null
                    && g.getStatus().getConditions() != null
                    && g.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                GatewayReasons.ACCEPTED.equals(c.getType())
                                    && "True".equals(c.getStatus())))
        .map(g -> g.getMetadata().getNamespace() + "/" + g.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /** Every route kind's parents and backends, the kinds the apiserver does not serve left out. */
  private List<Route> routes() {
    var routes = new ArrayList<Route>();
    for (HTTPRoute r : list(HTTPRoute.class)) {
      var spec = r.getSpec();
      routes.add(
          new Route(
              RouteView.of(r),
              backends(
                  spec == null ? null : spec.getRules(),
                  HTTPRouteRule::getBackendRefs,
                  b -> backend(b.getGroup(), b.getKind(), b.getNamespace(), b.getName()))));
    }
    for (GRPCRoute r : list(GRPCRoute.class)) {
      var spec = r.getSpec();
      routes.add(
          new Route(
              RouteView.of(r),
              backends(
                  spec == null ? null : spec.getRules(),
                  GRPCRouteRule::getBackendRefs,
                  b -> backend(b.getGroup(), b.getKind(), b.getNamespace(), b.getName()))));
    }
    addL4(routes, TCPRoute.class);
    addL4(routes, UDPRoute.class);
    addL4(routes, TLSRoute.class);
    return routes;
  }

  private <T extends CustomResource<L4RouteSpec, ?>> void addL4(List<Route> routes, Class<T> kind) {
    for (T r : list(kind)) {
      L4RouteSpec spec = r.getSpec();
      routes.add(
          new Route(
              RouteView.ofL4(r.getKind(), r, spec),
              backends(
                  spec == null ? null : spec.rules,
                  x -> x.backendRefs,
                  ConfigurationUse::backend)));
    }
  }

  /** The backends every rule of a route names. */
  private static <U, B> List<Backend> backends(
      List<U> rules, Function<U, List<B>> refs, Function<B, Backend> backend) {
    return nonNull(rules).stream()
        .flatMap(u -> nonNull(refs.apply(u)).stream())
        .map(backend)
        .toList();
  }

  private static Backend backend(BackendRef b) {
    return backend(b.getGroup(), b.getKind(), b.getNamespace(), b.getName());
  }

  private static Backend backend(String group, String kind, String namespace, String name) {
    boolean service =
        (group == null || group.isEmpty()) && (kind == null || "Service".equals(kind));
    return new Backend(service, namespace, name);
  }

  private <T extends HasMetadata> List<T> list(Class<T> kind) {
    try {
      return WatchScope.list(kube, kind, watchNamespace);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private record Backend(boolean service, String namespace, String name) {}

  /** A route's backends and the Gateways it names as parents (through a ListenerSet too). */
  private record Route(RouteView view, List<Backend> backends) {
    boolean usesService(String namespace, String name) {
      return backends.stream()
          .anyMatch(
              b ->
                  b.service()
                      && name.equals(b.name())
                      && namespace.equals(
                          b.namespace() == null ? view.namespace() : b.namespace()));
    }
  }

  /**
   * {@code namespace/name} of the Gateways a route names as parents, directly or by ListenerSet.
   */
  private List<String> gateways(Route route) {
    var gateways = new ArrayList<String>();
    for (ParentReference p : route.view().parentRefs()) {
      String namespace = p.getNamespace() == null ? route.view().namespace() : p.getNamespace();
      if ("ListenerSet".equals(p.getKind())) {
        var set =
            kube.resources(ListenerSet.class).inNamespace(namespace).withName(p.getName()).get();
        if (set != null && set.getSpec() != null && set.getSpec().parentRef != null) {
          var gateway = set.getSpec().parentRef;
          gateways.add(
              Objects.requireNonNullElse(gateway.namespace, namespace) + "/" + gateway.name);
        }
      } else if (p.getKind() == null || "Gateway".equals(p.getKind())) {
        gateways.add(namespace + "/" + p.getName());
      }
    }
    return gateways;
  }
}
