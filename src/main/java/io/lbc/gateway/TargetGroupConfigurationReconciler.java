package io.lbc.gateway;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import java.util.Optional;

/**
 * TargetGroupConfiguration finalizer {@value #FINALIZER} (gateway-spec §1): on every configuration;
 * on deletion kept, for a default one (no {@code targetReference}), while an in-use
 * LoadBalancerConfiguration names it, and for one of a Service, while the Service exists and a
 * route of an Accepted managed Gateway has it as a backend.
 */
@ControllerConfiguration(
    name = TargetGroupConfigurationReconciler.NAME,
    // a configuration marked for deletion must be reconciled (its finalizer is ours to remove)
    triggerReconcilerOnAllEvents = true)
public final class TargetGroupConfigurationReconciler
    implements Reconciler<TargetGroupConfiguration> {
  public static final String NAME = "targetgroupconfiguration";
  public static final String FINALIZER = "gateway.k8s.aws/targetgroupconfigurations";

  private final ConfigurationFinalizer<TargetGroupConfiguration> finalizer;

  /**
   * @param watchNamespace {@code --watch-namespace}: the one namespace whose objects are read, or
   *     empty for all
   */
  public TargetGroupConfigurationReconciler(
      KubernetesClient kube, Optional<String> watchNamespace) {
    var use = new ConfigurationUse(kube, watchNamespace);
    this.finalizer = new ConfigurationFinalizer<>(kube, FINALIZER, use::users);
  }

  @Override
  public UpdateControl<TargetGroupConfiguration> reconcile(
      TargetGroupConfiguration configuration, Context<TargetGroupConfiguration> context) {
    return finalizer.reconcile(configuration, context.isPrimaryResourceDeleted());
  }
}
