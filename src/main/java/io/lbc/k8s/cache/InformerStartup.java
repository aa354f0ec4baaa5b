package io.lbc.k8s.cache;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the operator's own informers (Ingresses, bindings, classes…) start: one that cannot list
 * (RBAC missing, a CRD not yet installed, the apiserver away) is logged and retried with backoff in
 * the background, never a reason for the process to exit. JOSDK's defaults would stop the operator
 * at start-up, and exit the process when an informer stops later.
 */
public final class InformerStartup {
  private static final Logger log = LoggerFactory.getLogger(InformerStartup.class);

  /** How long start-up waits for one informer before going on without it (it keeps retrying). */
  public static final Duration SYNC_WAIT = Duration.ofSeconds(60);

  private InformerStartup() {}

  public static void configure(ConfigurationServiceOverrider overrider) {
    overrider
        .withStopOnInformerErrorDuringStartup(false)
        .withCacheSyncTimeout(SYNC_WAIT)
        .withInformerStoppedHandler(
            (informer, e) -> {
              if (e != null) {
                log.error(
                    "the informer of {} stopped; its cache is no longer updated",
                    informer.getApiTypeClass().getSimpleName(),
                    e);
              }
            });
  }
}
