package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.config.ControllerConfig.SecretLabel;
import io.lbc.deploy.DeployResult;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import io.lbc.reconcile.Finalizers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One ALB Gateway, end to end: load the class, configuration and routes; build; deploy; write the
 * Gateway's and the routes' statuses. A dry run ({@link GatewayDryRun}) stops after the build: the
 * plan is written on the Gateway, the routes' statuses too, and nothing else. A Gateway whose class
 * is not ours costs nothing; deleting it (or moving it to another class) tears its AWS resources
 * down ({@link GatewayTeardown}) and removes the finalizer.
 */
@ControllerConfiguration(
    name = GatewayReconciler.NAME,
    // without it JOSDK never reconciles a Gateway marked for deletion (this reconciler removes its
    // own finalizer), so a deleted Gateway would keep its load balancer and never go away
    triggerReconcilerOnAllEvents = true,
    // annotations do not bump metadata.generation: see every update but status-only ones
    generationAwareEventProcessing = false)
public final class GatewayReconciler implements Reconciler<Gateway> {
  public static final String NAME = "gateway.k8s.aws/alb";
  static final Duration PENDING_RECHECK = Duration.ofSeconds(5);
  static final String NOT_APPLIED = "ConfigurationNotApplied";

  /** What the reconciler works with. */
  public record Dependencies(
      KubernetesClient kube,
      AlbGatewayBuilder builder,
      StackDeployer deployer,
      StackResourceFinder finder,
      GatewayStatusWriter gatewayStatus,
      RouteStatusWriter routeStatus,
      EventRecorder events,
      ReconcileStages stages,
      Optional<ListenerSetStatusWriter> listenerSetStatus,
      GatewayTeardown teardown,
      Optional<SecretLabel> requiredSecretsLabel) {}

  private final Dependencies deps;
  private final GatewayFlavor flavor = GatewayFlavor.ALB;
  private final GatewaySources sources;

  /** With {@code deps.listenerSetStatus()} present, ListenerSets are watched and honoured. */
  public GatewayReconciler(Dependencies deps) {
    this.deps = deps;
    this.sources =
        new GatewaySources(deps.listenerSetStatus().isPresent(), deps.requiredSecretsLabel());
  }

  @Override
  public List<EventSource<?, Gateway>> prepareEventSources(EventSourceContext<Gateway> context) {
    return sources.create(context);
  }

  @Override
  public UpdateControl<Gateway> reconcile(Gateway gateway, Context<Gateway> context) {
    if (context.isPrimaryResourceDeleted()) {
      sources.forgetSecrets(gateway);
      return UpdateControl.noUpdate(); // gone: its finalizer was ours to remove, and was removed
    }
    try {
      return reconcileGateway(gateway);
    } catch (RetryLaterException e) {
      // an expected wait (e.g. a binding releasing its targets before deletion): not an error
      return UpdateControl.<Gateway>noUpdate().rescheduleAfter(e.after());
    }
  }

  private UpdateControl<Gateway> reconcileGateway(Gateway gateway) {
    StackId stackId =
        StackId.gateway(
            flavor.stackKind(),
            gateway.getMetadata().getNamespace(),
            gateway.getMetadata().getName());
    Optional<GatewayClass> gatewayClass =
        Optional.ofNullable(gateway.getSpec())
            .flatMap(s -> sources.gatewayClass(s.getGatewayClassName()));
    boolean ours =
        gatewayClass
            .map(
                c ->
                    c.getSpec() != null
                        && flavor.controllerName().equals(c.getSpec().getControllerName()))
            .orElse(false);
    if (!ours || gateway.getMetadata().getDeletionTimestamp() != null) {
      sources.forgetSecrets(gateway);
      if (Finalizers.has(gateway, flavor.finalizer())) {
        tearDown(gateway, stackId, ours ? gatewayClass : Optional.empty());
      }
      return UpdateControl.noUpdate();
    }
    if (!accepted(gatewayClass.get())) {
      deps.gatewayStatus()
          .refused(
              gateway,
              GatewayReasons.INVALID,
              "Unable to materialize gateway when gateway class ["
                  + gatewayClass.get().getMetadata().getName()
                  + "] is not accepted");
      return UpdateControl.noUpdate();
    }
    Optional<LoadBalancerConfigurationSpec> configuration;
    try {
      configuration =
          GatewayConfigurations.of(gateway, gatewayClass.get(), sources::loadBalancerConfiguration);
    } catch (UserInputException e) {
      deps.gatewayStatus().refused(gateway, GatewayReasons.INVALID_PARAMETERS, e.getMessage());
      return UpdateControl.noUpdate();
    }
    boolean dryRun = GatewayDryRun.requested(gateway, flavor.finalizer());
    Gateway current = dryRun ? gateway : Finalizers.add(deps.kube(), gateway, flavor.finalizer());
    Optional<LoadBalancer> existing = deps.finder().loadBalancer(stackId);
    GatewayBuild build;
    try {
      build =
          deps.stages()
              .time(
                  NAME,
                  ReconcileStage.BUILD_MODEL,
                  () -> deps.builder().build(input(current, configuration), existing));
    } catch (UserInputException e) {
      deps.events().warning(current, EventReasons.FAILED_BUILD_MODEL, e.getMessage());
      deps.gatewayStatus().refused(current, GatewayReasons.INVALID, e.getMessage());
      return UpdateControl.noUpdate();
    }
    warnRefusedRoutes(build);
    if (dryRun) {
      GatewayDryRun.writePlan(deps.kube(), current, build.stack());
      deps.routeStatus().write(build);
      return UpdateControl.noUpdate();
    }
    var addOns = GatewayAddOns.states(build.stack());
    Gateway adding =
        GatewayAddOns.annotate(
            deps.kube(), GatewayDryRun.clearPlan(deps.kube(), current), addOns, true);
    DeployResult result;
    try {
      result =
          deps.stages()
              .time(NAME, ReconcileStage.DEPLOY_MODEL, () -> deps.deployer().deploy(build.stack()));
    } catch (UserInputException e) {
      deps.events().warning(adding, EventReasons.FAILED_DEPLOY_MODEL, e.getMessage());
      deps.gatewayStatus().refused(adding, GatewayReasons.INVALID, e.getMessage());
      return UpdateControl.noUpdate();
    }
    Gateway annotated = GatewayAddOns.annotate(deps.kube(), adding, addOns, false);
    build.notices().forEach(n -> deps.events().warning(annotated, NOT_APPLIED, n));
    result
        .nonConverging()
        .forEach(w -> deps.events().warning(annotated, EventReasons.NON_CONVERGING_WRITE, w));
    boolean active =
        existing.isPresent()
            && result.loadBalancerArn().equals(Optional.of(existing.get().arn()))
            && ("active".equals(existing.get().state())
                || "active_impaired".equals(existing.get().state()));
    deps.routeStatus().write(build);
    deps.listenerSetStatus().ifPresent(w -> w.write(build, active));
    deps.gatewayStatus()
        .built(
            annotated,
            build,
            result.dnsName(),
            result.loadBalancerArn(),
            active,
            deps.listenerSetStatus().isPresent());
    if (!active) {
      return UpdateControl.<Gateway>noUpdate().rescheduleAfter(PENDING_RECHECK);
    }
    return result
        .recheckAfter()
        .map(after -> UpdateControl.<Gateway>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  private GatewayInput input(
      Gateway gateway, Optional<LoadBalancerConfigurationSpec> configuration) {
    List<ListenerSet> listenerSets = sources.listenerSets();
    var listeners =
        new java.util.ArrayList<io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener>();
    if (gateway.getSpec().getListeners() != null) {
      listeners.addAll(gateway.getSpec().getListeners());
    }
    listenerSets.forEach(s -> listeners.addAll(ListenerSetHandshake.listeners(s)));
    var allowedListeners = gateway.getSpec().getAllowedListeners();
    boolean selectors =
        (allowedListeners != null
                && allowedListeners.getNamespaces() != null
                && "Selector".equals(allowedListeners.getNamespaces().getFrom()))
            || listeners.stream()
                .anyMatch(
                    l ->
                        l.getAllowedRoutes() != null
                            && l.getAllowedRoutes().getNamespaces() != null
                            && "Selector".equals(l.getAllowedRoutes().getNamespaces().getFrom()));
    List<Namespace> namespaces = selectors ? deps.kube().namespaces().list().getItems() : List.of();
    List<ListenerRuleConfiguration> ruleConfigurations = sources.listenerRuleConfigurations();
    return new GatewayInput(
        gateway,
        flavor,
        configuration,
        sources.routes(),
        sources.services(),
        sources.referenceGrants(),
        sources.targetGroupConfigurations(),
        namespaces,
        ruleConfigurations,
        sources.oidcSecrets(gateway, ruleConfigurations),
        listenerSets);
  }

  /**
   * A Warning event on each route this build refused (an unsupported filter, an ExtensionRef that
   * cannot be honoured, ...), besides its Accepted=False status: the route is not programmed.
   */
  private void warnRefusedRoutes(GatewayBuild build) {
    var warned = new java.util.HashSet<String>();
    for (RouteAttachment.Parent parent : build.parents()) {
      RouteVerdict verdict = build.verdict(parent.route());
      if (verdict.refused() && warned.add(parent.route().key())) {
        deps.events()
            .warning(
                parent.route().object(),
                EventReasons.FAILED_BUILD_MODEL,
                verdict.refusal() + ": " + verdict.refusalMessage());
      }
    }
  }

  private static boolean accepted(GatewayClass gatewayClass) {
    return gatewayClass.getStatus() != null
        && gatewayClass.getStatus().getConditions() != null
        && gatewayClass.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    GatewayReasons.ACCEPTED.equals(c.getType())
                        && "True".equals(c.getStatus())
                        && java.util.Objects.equals(
                            c.getObservedGeneration(), gatewayClass.getMetadata().getGeneration()));
  }

  /**
   * Deletes the Gateway's AWS resources and then lets it go; while deletion protection keeps them,
   * the Gateway is not Accepted, with the reason.
   *
   * @param ourClass its class while it is ours: the class's configuration counts too
   */
  private void tearDown(Gateway gateway, StackId stackId, Optional<GatewayClass> ourClass) {
    var configuration =
        GatewayConfigurations.forDeletion(gateway, ourClass, sources::loadBalancerConfiguration);
    deps.teardown()
        .tearDown(gateway, stackId, GatewayAddOns.ALB, configuration)
        .ifPresentOrElse(
            g -> Finalizers.remove(deps.kube(), g, flavor.finalizer()),
            () ->
                deps.gatewayStatus()
                    .refused(
                        gateway, GatewayReasons.INVALID, GatewayTeardown.heldMessage(gateway)));
  }
}
