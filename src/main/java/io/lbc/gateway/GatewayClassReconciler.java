package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;
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
import io.lbc.k8s.StatusPatch;
import io.lbc.k8s.WatchScope;
import io.lbc.k8s.gateway.GatewayCrds;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.reconcile.Finalizers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GatewayClass: ours when its controllerName is a running Gateway controller's. Adds the finalizer,
 * checks the {@code parametersRef} (a LoadBalancerConfiguration with a namespace, that exists) and
 * writes {@code Accepted} with the standard reason {@code InvalidParameters} when it is not
 * (gateway-spec §1; the reference's non-standard reasons are replaced, §7.8). On delete the
 * finalizer stays while a Gateway still uses the class.
 *
 * <p>Under {@code --watch-namespace} the classes stay cluster-wide (they are cluster-scoped) but
 * the namespaced objects they are checked against are read in that namespace only, as the
 * reference's manager cache reads them: a parametersRef to another namespace is not found, and only
 * Gateways of the watched namespace keep a class in use.
 */
@ControllerConfiguration(
    name = GatewayClassReconciler.NAME,
    // a class marked for deletion must be reconciled (this reconciler removes its own finalizer)
    triggerReconcilerOnAllEvents = true)
public final class GatewayClassReconciler implements Reconciler<GatewayClass> {
  public static final String NAME = "gateway-class";
  public static final String FINALIZER = "gateway.k8s.aws/gatewayclass";

  private final KubernetesClient kube;
  private final Set<GatewayFlavor> running;
  private final Clock clock;
  private final Optional<String> watchNamespace;

  /**
   * @param watchNamespace {@code --watch-namespace}: the one namespace whose objects are read, or
   *     empty for all
   */
  public GatewayClassReconciler(
      KubernetesClient kube,
      Set<GatewayFlavor> running,
      Clock clock,
      Optional<String> watchNamespace) {
    this.watchNamespace = watchNamespace;
    this.kube = kube;
    this.running = Set.copyOf(running);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, GatewayClass>> prepareEventSources(
      EventSourceContext<GatewayClass> context) {
    var configuration =
        InformerEventSourceConfiguration.from(LoadBalancerConfiguration.class, GatewayClass.class)
            .withFollowControllerNamespacesChanges(false)
            .withSecondaryToPrimaryMapper(
                lbc ->
                    context
                        .getPrimaryCache()
                        .list(c -> references(c, lbc))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()));
    watchNamespace.ifPresentOrElse(
        configuration::withNamespaces, configuration::withWatchAllNamespaces);
    return List.of(new InformerEventSource<>(configuration.build(), context));
  }

  @Override
  public UpdateControl<GatewayClass> reconcile(GatewayClass gatewayClass, Context<GatewayClass> c) {
    if (c.isPrimaryResourceDeleted() || !ours(gatewayClass)) {
      return UpdateControl.noUpdate();
    }
    if (gatewayClass.getMetadata().getDeletionTimestamp() != null) {
      if (inUse(gatewayClass)) {
        return UpdateControl.<GatewayClass>noUpdate().rescheduleAfter(Duration.ofSeconds(10));
      }
      Finalizers.remove(kube, gatewayClass, FINALIZER);
      return UpdateControl.noUpdate();
    }
    GatewayClass current = Finalizers.add(kube, gatewayClass, FINALIZER);
    Optional<String> invalid = invalidParameters(current);
    var conditions =
        new GatewayConditions(
                current.getStatus() == null ? null : current.getStatus().getConditions(),
                current.getMetadata().getGeneration(),
                clock)
            .set(
                GatewayReasons.ACCEPTED,
                invalid.isEmpty(),
                invalid.isEmpty() ? GatewayReasons.ACCEPTED : GatewayReasons.INVALID_PARAMETERS,
                invalid.orElse("Accepted"))
            .build();
    if (current.getStatus() == null
        || !GatewayConditions.same(conditions, current.getStatus().getConditions())) {
      StatusPatch.merge(kube, current, Map.of("conditions", conditions));
    }
    return UpdateControl.noUpdate();
  }

  /** Whether one of the running controllers serves this class. */
  public boolean ours(GatewayClass gatewayClass) {
    return gatewayClass.getSpec() != null
        && GatewayFlavor.ofController(gatewayClass.getSpec().getControllerName())
            .filter(running::contains)
            .isPresent();
  }

  private Optional<String> invalidParameters(GatewayClass gatewayClass) {
    ParametersReference ref = gatewayClass.getSpec().getParametersRef();
    if (ref == null) {
      return Optional.empty();
    }
    if (!GatewayCrds.GROUP.equals(ref.getGroup())
        || !"LoadBalancerConfiguration".equals(ref.getKind())) {
      return Optional.of(
          "parametersRef must name a gateway.k8s.aws LoadBalancerConfiguration, not "
              + ref.getGroup()
              + "/"
              + ref.getKind());
    }
    if (ref.getNamespace() == null || ref.getNamespace().isEmpty()) {
      return Optional.of(
          "Namespace must be specified in ParametersRef for LoadBalancerConfiguration");
    }
    if (watchNamespace.isPresent() && !watchNamespace.get().equals(ref.getNamespace())) {
      return Optional.of(
          "LoadBalancerConfiguration ("
              + ref.getName()
              + ","
              + ref.getNamespace()
              + ") not found: the controller watches namespace "
              + watchNamespace.get()
              + " only");
    }
    var lbc =
        kube.resources(LoadBalancerConfiguration.class)
            .inNamespace(ref.getNamespace())
            .withName(ref.getName())
            .get();
    if (lbc == null) {
      return Optional.of(
          "LoadBalancerConfiguration (" + ref.getName() + "," + ref.getNamespace() + ") not found");
    }
    return Optional.empty();
  }

  private boolean inUse(GatewayClass gatewayClass) {
    String name = gatewayClass.getMetadata().getName();
    return WatchScope.list(kube, Gateway.class, watchNamespace).stream()
        .anyMatch(g -> g.getSpec() != null && name.equals(g.getSpec().getGatewayClassName()));
  }

  private static boolean references(GatewayClass c, LoadBalancerConfiguration lbc) {
    var ref = c.getSpec() == null ? null : c.getSpec().getParametersRef();
    return ref != null
        && lbc.getMetadata().getName().equals(ref.getName())
        && lbc.getMetadata().getNamespace().equals(ref.getNamespace());
  }
}
