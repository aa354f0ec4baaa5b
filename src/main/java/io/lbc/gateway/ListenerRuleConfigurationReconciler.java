package io.lbc.gateway;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lbc.config.ControllerConfig.SecretLabel;
import io.lbc.k8s.StatusPatch;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.reconcile.OidcSecretSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ListenerRuleConfiguration status (gateway-spec §2.4): {@code accepted: true, message: Accepted}
 * unless its {@code authenticate-oidc} action names a Secret missing from its namespace, then
 * {@code accepted: false, message: secret [ns/name] not found}; {@code observedGeneration} is the
 * configuration's generation. The Secret is watched by name, so its creation (or deletion)
 * re-evaluates the configuration at once; the reference's 30-second recheck is kept as a fallback.
 * Routes using a configuration that is not accepted are refused ({@link ListenerRuleConfigs}), and
 * this status change reaches the Gateways through their ListenerRuleConfiguration watch.
 *
 * <p>Configurations are read where the Gateway controllers read them ({@code --watch-namespace}).
 * Each gets the finalizer {@value #FINALIZER} (gateway-spec §1), kept on deletion while an
 * HTTPRoute or GRPCRoute of its namespace names it in an ExtensionRef filter.
 */
@ControllerConfiguration(
    name = ListenerRuleConfigurationReconciler.NAME,
    // a deleted configuration must be seen, to stop the watch of its Secret
    triggerReconcilerOnAllEvents = true)
public final class ListenerRuleConfigurationReconciler
    implements Reconciler<ListenerRuleConfiguration> {
  public static final String NAME = "listenerruleconfiguration";
  public static final String FINALIZER = "gateway.k8s.aws/listenerruleconfigurations";
  static final String ACCEPTED = "Accepted";
  static final Duration SECRET_RECHECK = Duration.ofSeconds(30);

  private final KubernetesClient kube;
  private final Optional<SecretLabel> requiredSecretsLabel;
  private final ConfigurationFinalizer<ListenerRuleConfiguration> finalizer;
  private OidcSecretSource<ListenerRuleConfiguration> secrets;

  /**
   * @param watchNamespace {@code --watch-namespace}: the one namespace whose objects are read, or
   *     empty for all
   */
  public ListenerRuleConfigurationReconciler(
      KubernetesClient kube,
      Optional<SecretLabel> requiredSecretsLabel,
      Optional<String> watchNamespace) {
    this.kube = kube;
    this.requiredSecretsLabel = requiredSecretsLabel;
    this.finalizer =
        new ConfigurationFinalizer<>(
            kube, FINALIZER, new ConfigurationUse(kube, watchNamespace)::users);
  }

  @Override
  public List<EventSource<?, ListenerRuleConfiguration>> prepareEventSources(
      EventSourceContext<ListenerRuleConfiguration> context) {
    secrets = new OidcSecretSource<>(context.getClient(), requiredSecretsLabel);
    return List.of(secrets);
  }

  @Override
  public UpdateControl<ListenerRuleConfiguration> reconcile(
      ListenerRuleConfiguration configuration, Context<ListenerRuleConfiguration> context) {
    String key =
        "listenerruleconfiguration "
            + configuration.getMetadata().getNamespace()
            + "/"
            + configuration.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      secrets.retain(key, Set.of(), Set.of());
      return UpdateControl.noUpdate();
    }
    if (ConfigurationFinalizer.deleting(configuration)) {
      var control = finalizer.release(configuration);
      if (control.getScheduleDelay().isEmpty()) {
        // released: as the reference, its Secret is no longer watched
        secrets.retain(key, Set.of(), Set.of());
      }
      return control;
    }
    configuration = finalizer.add(configuration);
    var secret = ListenerRuleConfigs.oidcSecret(configuration);
    secrets.retain(
        key, Set.of(ResourceID.fromResource(configuration)), secret.map(Set::of).orElse(Set.of()));
    Optional<String> missing =
        secret.filter(k -> secrets.get(k).isEmpty()).map(k -> "secret [" + k + "] not found");
    write(configuration, missing.isEmpty(), missing.orElse(ACCEPTED));
    return missing.isPresent()
        ? UpdateControl.<ListenerRuleConfiguration>noUpdate().rescheduleAfter(SECRET_RECHECK)
        : UpdateControl.noUpdate();
  }

  private void write(ListenerRuleConfiguration configuration, boolean accepted, String message) {
    var status = configuration.getStatus();
    Long generation = configuration.getMetadata().getGeneration();
    if (status != null
        && Objects.equals(status.accepted, accepted)
        && Objects.equals(status.message, message)
        && Objects.equals(status.observedGeneration, generation)) {
      return;
    }
    var patch = new LinkedHashMap<String, Object>();
    patch.put("accepted", accepted);
    patch.put("message", message);
    patch.put("observedGeneration", generation);
    StatusPatch.merge(kube, configuration, patch);
  }
}
