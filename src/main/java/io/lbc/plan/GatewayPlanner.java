package io.lbc.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.config.FeatureGates;
import io.lbc.gateway.AlbGatewayBuilder;
import io.lbc.gateway.GatewayBuild;
import io.lbc.gateway.GatewayConfigurations;
import io.lbc.gateway.GatewayFlavor;
import io.lbc.gateway.GatewayInput;
import io.lbc.gateway.RouteAttachment;
import io.lbc.gateway.RouteVerdict;
import io.lbc.gateway.RouteView;
import io.lbc.gateway.l4.GatewayApi;
import io.lbc.gateway.l4.NlbGatewayBuild;
import io.lbc.gateway.l4.NlbGatewayInput;
import io.lbc.gateway.l4.NlbGatewayStackBuilder;
import io.lbc.gateway.l4.StatusCondition;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackJson;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the stack of every Gateway in a set of manifests whose GatewayClass (in the manifests too)
 * names this controller: ALB Gateways with their HTTPRoutes and GRPCRoutes, NLB Gateways with their
 * TCPRoutes, UDPRoutes and TLSRoutes, each under its feature gate as the controller runs them.
 * Routes a build refuses are listed as left out.
 */
public final class GatewayPlanner implements StackPlanner {
  /** The UID a Gateway without one is planned with. */
  static final String PLACEHOLDER_UID = "00000000-0000-0000-0000-000000000000";

  private final FeatureGates gates;
  private final AlbGatewayBuilder alb;
  private final NlbGatewayStackBuilder nlb;
  private final Function<StackId, Optional<LoadBalancer>> existingLoadBalancers;

  public GatewayPlanner(
      FeatureGates gates,
      AlbGatewayBuilder alb,
      NlbGatewayStackBuilder nlb,
      Function<StackId, Optional<LoadBalancer>> existingLoadBalancers) {
    this.gates = gates;
    this.alb = alb;
    this.nlb = nlb;
    this.existingLoadBalancers = existingLoadBalancers;
  }

  @Override
  public String section() {
    return "gateways";
  }

  /** The result for one Gateway: its stack, what was left out, or why nothing is built. */
  record Outcome(
      GatewayFlavor flavor,
      String name,
      Optional<Stack> stack,
      Optional<UserInputException> failure,
      List<String> leftOut,
      List<String> notices) {}

  List<Outcome> build(ManifestClusterView manifests) {
    var objects = new Objects(manifests);
    var outcomes = new ArrayList<Outcome>();
    for (Gateway manifest : objects.of(Gateway.class)) {
      var notices = new ArrayList<String>();
      Gateway gateway = withUid(manifest, notices);
      String className = gateway.getSpec() == null ? null : gateway.getSpec().getGatewayClassName();
      Optional<GatewayClass> gatewayClass =
          objects.of(GatewayClass.class).stream()
              .filter(c -> c.getMetadata().getName().equals(className))
              .findFirst();
      Optional<GatewayFlavor> flavor =
          gatewayClass
              .map(c -> c.getSpec() == null ? null : c.getSpec().getControllerName())
              .flatMap(GatewayFlavor::ofController)
              .filter(f -> gates.enabled(f.gate()));
      if (flavor.isEmpty()) {
        continue; // another controller's Gateway, or a flavor whose gate is off
      }
      String name = gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName();
      StackId id =
          StackId.gateway(
              flavor.get().stackKind(),
              gateway.getMetadata().getNamespace(),
              gateway.getMetadata().getName());
      try {
        outcomes.add(
            flavor.get() == GatewayFlavor.ALB
                ? alb(objects, gateway, gatewayClass.get(), name, id, notices)
                : nlb(objects, gateway, gatewayClass.get(), name, id, notices));
      } catch (UserInputException e) {
        outcomes.add(
            new Outcome(flavor.get(), name, Optional.empty(), Optional.of(e), List.of(), notices));
      }
    }
    return outcomes;
  }

  /**
   * The apiserver gives a Gateway its {@code metadata.uid}, and the names of its load balancer and
   * security group hash it: a manifest without one is planned with {@link #PLACEHOLDER_UID}, and a
   * notice says so.
   */
  private static Gateway withUid(Gateway gateway, List<String> notices) {
    if (gateway.getMetadata().getUid() != null) {
      return gateway;
    }
    notices.add(
        "metadata.uid is not set (the apiserver assigns it): the load balancer and security group"
            + " names are planned with a placeholder UID; put the live Gateway's uid in the"
            + " manifest to plan their real names");
    var copy = (Gateway) Manifests.inItsNamespace(gateway);
    copy =
        new io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder(copy)
            .editMetadata()
            .withUid(PLACEHOLDER_UID)
            .endMetadata()
            .build();
    return copy;
  }

  private Outcome alb(
      Objects objects,
      Gateway gateway,
      GatewayClass gatewayClass,
      String name,
      StackId id,
      List<String> notices) {
    var configuration =
        GatewayConfigurations.of(
            gateway,
            gatewayClass,
            (namespace, configName) ->
                objects.of(LoadBalancerConfiguration.class).stream()
                    .filter(c -> objects.named(c, namespace, configName))
                    .findFirst());
    var routes = new ArrayList<RouteView>();
    objects.of(HTTPRoute.class).forEach(r -> routes.add(RouteView.of(r)));
    objects.of(GRPCRoute.class).forEach(r -> routes.add(RouteView.of(r)));
    var input =
        new GatewayInput(
            gateway,
            GatewayFlavor.ALB,
            configuration,
            routes,
            objects.of(Service.class).stream().map(SlimService::of).toList(),
            objects.of(ReferenceGrant.class),
            objects.of(TargetGroupConfiguration.class),
            objects.of(Namespace.class),
            objects.of(ListenerRuleConfiguration.class),
            objects.of(Secret.class),
            objects.of(ListenerSet.class));
    GatewayBuild build = alb.build(input, existingLoadBalancers.apply(id));
    var leftOut = new ArrayList<String>();
    for (RouteAttachment.Parent parent : build.parents()) {
      RouteVerdict verdict = build.verdict(parent.route());
      String route = parent.route().kind() + " " + parent.route().key();
      if (!parent.attached()) {
        leftOut.add(route + " not attached: " + parent.failure() + ": " + parent.message());
      } else if (verdict.refused()) {
        leftOut.add(route + " left out: " + verdict.refusal() + ": " + verdict.refusalMessage());
      }
    }
    build
        .portProblems()
        .forEach((port, problem) -> leftOut.add("port " + port + " left out: " + problem));
    notices.addAll(build.notices());
    return new Outcome(
        GatewayFlavor.ALB, name, Optional.of(build.stack()), Optional.empty(), leftOut, notices);
  }

  private Outcome nlb(
      Objects objects,
      Gateway gateway,
      GatewayClass gatewayClass,
      String name,
      StackId id,
      List<String> notices) {
    var routes = new ArrayList<GatewayApi.Route>();
    var services = new LinkedHashMap<String, SlimService>();
    var namespaces = new LinkedHashMap<String, Map<String, String>>();
    for (HasMetadata object : objects.all) {
      if (GatewayApi.L4_ROUTE_KINDS.contains(object.getKind())) {
        routes.add(GatewayApi.read(object, GatewayApi.Route.class));
      }
    }
    objects
        .of(Service.class)
        .forEach(
            s ->
                services.put(
                    s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(),
                    SlimService.of(s)));
    objects
        .of(Namespace.class)
        .forEach(
            n ->
                namespaces.put(
                    n.getMetadata().getName(),
                    n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels()));
    var input =
        new NlbGatewayInput(
            GatewayApi.read(gateway, GatewayApi.Gateway.class),
            routes,
            services,
            objects.of(ReferenceGrant.class).stream()
                .map(g -> GatewayApi.read(g, GatewayApi.ReferenceGrant.class))
                .toList(),
            namespaces,
            existingLoadBalancers.apply(id),
            GatewayConfigurations.of(
                gateway,
                gatewayClass,
                (namespace, configName) ->
                    objects.of(LoadBalancerConfiguration.class).stream()
                        .filter(c -> objects.named(c, namespace, configName))
                        .findFirst()),
            objects.of(TargetGroupConfiguration.class),
            objects.of(ListenerSet.class));
    NlbGatewayBuild build = nlb.build(input);
    notices.addAll(build.notices());
    var leftOut = new ArrayList<String>();
    for (NlbGatewayBuild.RouteParentResult route : build.routes()) {
      for (StatusCondition condition : route.conditions()) {
        if ("False".equals(condition.status())) {
          leftOut.add(
              route.kind()
                  + " "
                  + route.namespace()
                  + "/"
                  + route.name()
                  + " "
                  + condition.type()
                  + "=False: "
                  + condition.reason()
                  + ": "
                  + condition.message());
        }
      }
    }
    for (NlbGatewayBuild.ListenerResult listener : build.listeners()) {
      if (!listener.verdict().valid()) {
        var owner = listener.verdict().owner();
        leftOut.add(
            "listener "
                + (owner.gateway()
                    ? ""
                    : "of ListenerSet " + owner.namespace() + "/" + owner.name() + " ")
                + listener.name()
                + " left out: not valid");
      }
    }
    return new Outcome(
        GatewayFlavor.NLB, name, Optional.of(build.stack()), Optional.empty(), leftOut, notices);
  }

  @Override
  public List<Map<String, Object>> plan(ManifestClusterView manifests) {
    return build(manifests).stream().map(GatewayPlanner::toJson).toList();
  }

  @Override
  public List<PlannedStack> stacks(ManifestClusterView manifests) {
    return build(manifests).stream()
        .map(
            o ->
                new PlannedStack(
                    kind(o.flavor()),
                    o.name(),
                    o.stack(),
                    o.failure().map(Throwable::getMessage),
                    o.leftOut(),
                    o.notices()))
        .toList();
  }

  static String kind(GatewayFlavor flavor) {
    return flavor + " Gateway";
  }

  /** {@code {"gateway", "type", "stack" | "error", "leftOut", "notices"}}. */
  private static Map<String, Object> toJson(Outcome outcome) {
    var json = new LinkedHashMap<String, Object>();
    json.put("gateway", outcome.name());
    json.put("type", outcome.flavor().name().toLowerCase(java.util.Locale.ROOT));
    outcome.stack().ifPresent(s -> json.put("stack", StackJson.toTree(s)));
    outcome
        .failure()
        .ifPresent(
            e -> {
              var error = new LinkedHashMap<String, Object>();
              error.put("field", e.field());
              error.put("message", e.getMessage().substring(e.field().length() + 2));
              json.put("error", error);
            });
    if (!outcome.leftOut().isEmpty()) {
      json.put("leftOut", outcome.leftOut());
    }
    if (!outcome.notices().isEmpty()) {
      json.put("notices", outcome.notices());
    }
    return json;
  }

  /**
   * The manifests' objects, typed, and namespaced objects without a namespace in {@code default}.
   */
  private static final class Objects {
    final List<HasMetadata> all;

    Objects(ManifestClusterView manifests) {
      this.all = manifests.objects().stream().map(Manifests::inItsNamespace).toList();
    }

    <T> List<T> of(Class<T> type) {
      return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    boolean named(HasMetadata object, String namespace, String name) {
      return java.util.Objects.equals(object.getMetadata().getNamespace(), namespace)
          && object.getMetadata().getName().equals(name);
    }
  }
}
