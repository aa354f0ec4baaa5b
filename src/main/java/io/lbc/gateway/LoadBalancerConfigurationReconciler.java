package io.lbc.gateway;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import java.util.Optional;

/**
 * LoadBalancerConfiguration finalizer {@value #FINALIZER} (gateway-spec §1): on every
 * configuration; on deletion kept while a managed GatewayClass's {@code parametersRef} or a managed
 * Gateway's {@code spec.infrastructure.parametersRef} (in its namespace) names it.
 */
@ControllerConfiguration(
    name = LoadBalancerConfigurationReconciler.NAME,
    // a configuration marked for deletion must be reconciled (its finalizer is ours to remove)
    triggerReconcilerOnAllEvents = true)
public final class LoadBalancerConfigurationReconciler
    implements Reconciler<LoadBalancerConfiguration> {
  public static final String NAME = "loadbalancerconfiguration";
  public static final String FINALIZER = "gateway.k8s.aws/loadbalancerconfigurations";

  private final ConfigurationFinalizer<LoadBalancerConfiguration> finalizer;

  /**
   * @param watchNamespace {@code --watch-namespace}: the one namespace whose objects are read, or
   *     empty for all
   */
  public LoadBalancerConfigurationReconciler(
      KubernetesClient kube, Optional<String> watchNamespace) {
    var use = new ConfigurationUse(kube, watchNamespace);
    this.finalizer = new ConfigurationFinalizer<>(kube, FINALIZER, use::users);
  }

  @Override
  public UpdateControl<LoadBalancerConfiguration> reconcile(
      LoadBalancerConfiguration configuration, Context<LoadBalancerConfiguration> context) {
    return finalizer.reconcile(configuration, context.isPrimaryResourceDeleted());
  }
}
