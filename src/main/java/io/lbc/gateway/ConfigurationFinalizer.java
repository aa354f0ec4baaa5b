package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lbc.reconcile.Finalizers;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finalizer of a Gateway configuration (LoadBalancerConfiguration, TargetGroupConfiguration,
 * ListenerRuleConfiguration; gateway-spec §1 "Finalizers"): put on every configuration, and on
 * deletion kept while something still uses it. The reference retries with an error until then; here
 * the deleted configuration is rechecked every {@link #IN_USE_RECHECK}.
 */
final class ConfigurationFinalizer<T extends HasMetadata> {
  static final Duration IN_USE_RECHECK = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(ConfigurationFinalizer.class);

  private final KubernetesClient kube;
  private final String finalizer;
  private final Function<T, List<String>> users;

  /**
   * @param users what still uses a configuration (empty: it may go)
   */
  ConfigurationFinalizer(KubernetesClient kube, String finalizer, Function<T, List<String>> users) {
    this.kube = kube;
    this.finalizer = finalizer;
    this.users = users;
  }

  /**
   * The whole reconcile of a configuration whose only concern is the finalizer.
   *
   * @param gone whether the object no longer exists (nothing to do)
   */
  UpdateControl<T> reconcile(T configuration, boolean gone) {
    if (gone) {
      return UpdateControl.noUpdate();
    }
    if (deleting(configuration)) {
      return release(configuration);
    }
    add(configuration);
    return UpdateControl.noUpdate();
  }

  static boolean deleting(HasMetadata configuration) {
    return configuration.getMetadata().getDeletionTimestamp() != null;
  }

  /** Puts the finalizer on a configuration that is not being deleted; returns it as patched. */
  T add(T configuration) {
    return Finalizers.add(kube, configuration, finalizer);
  }

  /**
   * A configuration being deleted: its finalizer goes once nothing uses it; until then it is
   * rechecked.
   */
  UpdateControl<T> release(T configuration) {
    if (!Finalizers.has(configuration, finalizer)) {
      return UpdateControl.noUpdate();
    }
    List<String> inUse = users.apply(configuration);
    if (!inUse.isEmpty()) {
      log.info(
          "{} {}/{} is still in use by {}: its finalizer stays",
          configuration.getKind(),
          configuration.getMetadata().getNamespace(),
          configuration.getMetadata().getName(),
          String.join(", ", inUse));
      return UpdateControl.<T>noUpdate().rescheduleAfter(IN_USE_RECHECK);
    }
    Finalizers.remove(kube, configuration, finalizer);
    return UpdateControl.noUpdate();
  }
}
