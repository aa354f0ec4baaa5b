package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lbc.deploy.DeployResult;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.gateway.GatewayAddOns;
import io.lbc.gateway.GatewayClassEvents;
import io.lbc.gateway.GatewayDryRun;
import io.lbc.gateway.GatewayTeardown;
import io.lbc.gateway.ListenerSetHandshake;
import io.lbc.gateway.ListenerSetStatusWriter;
import io.lbc.gateway.ListenerValidity;
import io.lbc.gateway.l4.GatewayApi;
import io.lbc.gateway.l4.GatewayKinds;
import io.lbc.gateway.l4.NlbGatewayBuild;
import io.lbc.gateway.l4.NlbGatewayLoader;
import io.lbc.gateway.l4.NlbGatewayStackBuilder;
import io.lbc.gateway.l4.NlbGatewayStatusWriter;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.k8s.WatchScope;
import io.lbc.k8s.cache.CacheEventSource;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TCPRoute;
import io.lbc.k8s.gateway.TLSRoute;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.UDPRoute;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reconciles Gateways whose GatewayClass names {@code gateway.k8s.aws/nlb}: load the L4 routes,
 * build the NLB stack, add the finalizer, deploy, write the Gateway's and the routes' statuses. A
 * Gateway that leaves the class, or is deleted, has its AWS resources torn down ({@link
 * GatewayTeardown}) and loses the finalizer. Route changes re-enqueue the Gateways their parentRefs
 * name. With the GatewayListenerSet gate on, the ListenerSets naming a Gateway add listeners to it
 * (gateway-spec §2.3) and get their status, and the Gateway its {@code
 * status.attachedListenerSets}.
 */
@ControllerConfiguration(
    name = NlbGatewayReconciler.NAME,
    triggerReconcilerOnAllEvents = true,
    // annotations do not bump metadata.generation: see every update but status-only ones
    generationAwareEventProcessing = false)
public final class NlbGatewayReconciler implements Reconciler<Gateway> {
  public static final String NAME = "gateway.k8s.aws/nlb";
  public static final String FINALIZER = "gateway.k8s.aws/nlb";

  /** What the reconciler works with. */
  public record Dependencies(
      KubernetesClient kube,
      NlbGatewayStackBuilder builder,
      StackDeployer deployer,
      StackResourceFinder finder,
      NlbGatewayStatusWriter status,
      EventRecorder events,
      ReconcileStages stages,
      Optional<ListenerSetStatusWriter> listenerSetStatus,
      GatewayTeardown teardown) {}

  private final Dependencies deps;
  private NlbGatewayLoader loader;
  private InformerEventSource<ListenerSet, Gateway> listenerSets;

  /** With {@code deps.listenerSetStatus()} present, ListenerSets are watched and honoured. */
  public NlbGatewayReconciler(Dependencies deps) {
    this.deps = deps;
  }

  /**
   * Namespaced kinds are watched where the Gateways are ({@code --watch-namespace}, as the
   * reference's manager cache); Services come from the slim cache every controller shares, and a
   * change of one re-enqueues every Gateway (as a configuration's does).
   */
  @Override
  public List<EventSource<?, Gateway>> prepareEventSources(EventSourceContext<Gateway> context) {
    Optional<String> namespace = WatchScope.of(context);
    var services =
        new CacheEventSource<SlimService, Gateway>(
            ClusterCache.of(context.getClient()),
            SlimService.class,
            namespace,
            s -> everyGateway(context));
    var cached = services.informer();
    loader =
        new NlbGatewayLoader(
            deps.kube(),
            namespace,
            key -> Optional.ofNullable(cached.getStore().getByKey(key)),
            this::listenerSets);
    var sources =
        new ArrayList<EventSource<?, Gateway>>(
            List.of(
                routes(TCPRoute.class, context),
                routes(UDPRoute.class, context),
                routes(TLSRoute.class, context),
                GatewayClassEvents.source(context),
                services,
                everyGateway(LoadBalancerConfiguration.class, context),
                everyGateway(TargetGroupConfiguration.class, context),
                everyGateway(
                    io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant.class,
                    context)));
    if (deps.listenerSetStatus().isPresent()) {
      // a ListenerSet change re-enqueues the Gateway it names (before and after the change)
      listenerSets =
          new InformerEventSource<>(
              WatchScope.scoped(
                      InformerEventSourceConfiguration.from(ListenerSet.class, Gateway.class)
                          .withPrimaryToSecondaryMapper(g -> Set.of())
                          .withSecondaryToPrimaryMapper(
                              s ->
                                  ListenerSetHandshake.parentGateway(s)
                                      .map(Set::of)
                                      .orElse(Set.of())),
                      context)
                  .build(),
              context);
      sources.add(listenerSets);
    }
    return sources;
  }

  /** Every ListenerSet, none when they are not watched. */
  private List<ListenerSet> listenerSets() {
    return listenerSets == null ? List.of() : listenerSets.list().toList();
  }

  /**
   * A change of a configuration CRD or a ReferenceGrant (a grant decides whether a cross-namespace
   * backend resolves) re-enqueues every Gateway (few objects, rare changes).
   */
  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata>
      InformerEventSource<R, Gateway> everyGateway(
          Class<R> type, EventSourceContext<Gateway> context) {
    return new InformerEventSource<>(
        WatchScope.scoped(
                InformerEventSourceConfiguration.from(type, Gateway.class)
                    .withPrimaryToSecondaryMapper(g -> Set.of())
                    .withSecondaryToPrimaryMapper(r -> everyGateway(context)),
                context)
            .build(),
        context);
  }

  private static Set<ResourceID> everyGateway(EventSourceContext<Gateway> context) {
    return context
        .getPrimaryCache()
        .list()
        .map(ResourceID::fromResource)
        .collect(java.util.stream.Collectors.toSet());
  }

  private <R extends io.fabric8.kubernetes.api.model.HasMetadata>
      InformerEventSource<R, Gateway> routes(Class<R> type, EventSourceContext<Gateway> context) {
    return new InformerEventSource<>(
        WatchScope.scoped(
                InformerEventSourceConfiguration.from(type, Gateway.class)
                    .withSecondaryToPrimaryMapper(this::parents),
                context)
            .build(),
        context);
  }

  /** The Gateways a route's parentRefs name, directly or through a ListenerSet. */
  Set<ResourceID> parents(io.fabric8.kubernetes.api.model.HasMetadata route) {
    var ids = new HashSet<ResourceID>();
    var view = GatewayApi.read(route, GatewayApi.Route.class);
    for (var ref : view.parentRefs()) {
      String namespace =
          ref.namespace() == null ? route.getMetadata().getNamespace() : ref.namespace();
      var id = new ResourceID(ref.name(), namespace);
      if (ref.kind() == null || "Gateway".equals(ref.kind())) {
        ids.add(id);
      } else if ("ListenerSet".equals(ref.kind()) && listenerSets != null) {
        listenerSets.get(id).flatMap(ListenerSetHandshake::parentGateway).ifPresent(ids::add);
      }
    }
    return ids;
  }

  @Override
  public UpdateControl<Gateway> reconcile(Gateway typed, Context<Gateway> context) {
    if (context.isPrimaryResourceDeleted()) {
      return UpdateControl.noUpdate();
    }
    var gateway = GatewayApi.read(typed, GatewayApi.Gateway.class);
    StackId stackId =
        NlbGatewayStackBuilder.stackId(gateway.metadata().namespace(), gateway.metadata().name());
    boolean deleting = typed.getMetadata().getDeletionTimestamp() != null;
    boolean ours = classIsOurs(gateway.spec().gatewayClassName());
    if (deleting || !ours) {
      if (Finalizers.has(typed, FINALIZER)) {
        deps.teardown()
            .tearDown(
                typed, stackId, GatewayAddOns.NLB, loader.configurationForDeletion(gateway, ours))
            .ifPresentOrElse(
                g -> Finalizers.remove(deps.kube(), g, FINALIZER), () -> held(gateway, typed));
      }
      return UpdateControl.noUpdate();
    }
    GenericKubernetesResource live = live(gateway);
    boolean dryRun = GatewayDryRun.requested(typed, FINALIZER);
    NlbGatewayBuild build;
    try {
      build =
          deps.stages()
              .time(
                  NAME,
                  ReconcileStage.BUILD_MODEL,
                  () ->
                      deps.builder()
                          .build(loader.load(gateway, key -> deps.finder().loadBalancer(stackId))));
    } catch (UserInputException e) {
      deps.events().warning(typed, EventReasons.FAILED_BUILD_MODEL, e.getMessage());
      deps.status().refused(gateway, live, e.getMessage());
      return UpdateControl.noUpdate();
    }
    if (dryRun) {
      GatewayDryRun.writePlan(deps.kube(), typed, build.stack());
      deps.status().routes(gateway, build.routes());
      return UpdateControl.noUpdate();
    }
    Finalizers.add(deps.kube(), GatewayDryRun.clearPlan(deps.kube(), typed), FINALIZER);
    var addOns = GatewayAddOns.states(build.stack());
    GatewayAddOns.annotate(deps.kube(), typed, addOns, true);
    DeployResult result;
    try {
      result =
          deps.stages()
              .time(NAME, ReconcileStage.DEPLOY_MODEL, () -> deps.deployer().deploy(build.stack()));
    } catch (UserInputException e) {
      deps.events().warning(typed, EventReasons.FAILED_DEPLOY_MODEL, e.getMessage());
      deps.status().refused(gateway, live, e.getMessage());
      return UpdateControl.noUpdate();
    }
    GatewayAddOns.annotate(deps.kube(), typed, addOns, false);
    for (String notice : build.notices()) {
      deps.events().warning(typed, NlbGatewayBuild.NOT_APPLIED, notice);
    }
    for (String warning : result.nonConverging()) {
      deps.events().warning(typed, EventReasons.NON_CONVERGING_WRITE, warning);
    }
    deps.status().routes(gateway, build.routes());
    boolean active = result.dnsName().isPresent() && result.recheckAfter().isEmpty();
    deps.listenerSetStatus()
        .ifPresent(w -> w.write(build.listenerSets(), build.verdicts(), build, active));
    deps.status()
        .gateway(
            gateway,
            live,
            build,
            result.dnsName().orElse(null),
            active,
            result.loadBalancerArn().orElse(""),
            deps.listenerSetStatus().isPresent()
                ? OptionalInt.of(
                    ListenerValidity.attachedListenerSets(build.listenerSets(), build.verdicts()))
                : OptionalInt.empty());
    return result
        .recheckAfter()
        .map(after -> UpdateControl.<Gateway>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  private boolean classIsOurs(String className) {
    if (className == null) {
      return false;
    }
    GenericKubernetesResource gatewayClass =
        deps.kube()
            .genericKubernetesResources(GatewayKinds.GATEWAY_CLASS)
            .withName(className)
            .get();
    if (gatewayClass == null) {
      return false;
    }
    Object spec = gatewayClass.getAdditionalProperties().get("spec");
    return spec instanceof java.util.Map<?, ?> m
        && NlbGatewayStackBuilder.CONTROLLER_NAME.equals(m.get("controllerName"));
  }

  /** Deletion protection keeps the Gateway's NLB: it is not Accepted, with the reason. */
  private void held(GatewayApi.Gateway gateway, Gateway typed) {
    GenericKubernetesResource live = live(gateway);
    if (live != null) {
      deps.status().refused(gateway, live, GatewayTeardown.heldMessage(typed));
    }
  }

  private GenericKubernetesResource live(GatewayApi.Gateway gateway) {
    return deps.kube()
        .genericKubernetesResources(GatewayKinds.GATEWAY)
        .inNamespace(gateway.metadata().namespace())
        .withName(gateway.metadata().name())
        .get();
  }
}
