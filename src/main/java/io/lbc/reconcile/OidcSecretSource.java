package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.lbc.config.ControllerConfig.SecretLabel;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets some unit of work references (OIDC client credentials of an IngressGroup, of the
 * ListenerRuleConfigurations a Gateway's routes use, or of one ListenerRuleConfiguration), each
 * watched on its own by name, so a cluster with thousands of other Secrets pays nothing for them
 * (never an informer on all Secrets). A watch starts when a build first reads the Secret (its first
 * list fills the cache before the read returns) and stops when no group references it any more; a
 * change of its data, its creation or its deletion reconciles the primaries of the groups that
 * reference it. With {@code --required-secrets-label} the watches select that label too: a Secret
 * without it is never seen.
 *
 * @param <P> the primary resource of the controller this source belongs to
 */
public final class OidcSecretSource<P extends HasMetadata> extends AbstractEventSource<Secret, P> {
  private static final Logger log = LoggerFactory.getLogger(OidcSecretSource.class);

  /** A Secret by namespace and name. */
  public record SecretKey(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  private final KubernetesClient client;
  private final Optional<SecretLabel> label;
  private final Map<SecretKey, SharedIndexInformer<Secret>> watches = new ConcurrentHashMap<>();

  /** Group id → the Secrets its last build read. */
  private final Map<String, Set<SecretKey>> readByGroup = new ConcurrentHashMap<>();

  /** Group id → the primaries to reconcile when one of its Secrets changes. */
  private final Map<String, Set<ResourceID>> membersByGroup = new ConcurrentHashMap<>();

  public OidcSecretSource(KubernetesClient client, Optional<SecretLabel> label) {
    super(Secret.class, "oidc-secrets");
    this.client = client;
    this.label = label;
  }

  private volatile boolean stopped;

  /** The Secret as last seen by its watch, which starts now if it did not run. */
  public Optional<Secret> get(SecretKey key) {
    if (stopped) {
      throw new IllegalStateException("the controller is stopping: no new Secret watches");
    }
    return Optional.ofNullable(watch(key).getStore().getByKey(key.toString()));
  }

  /**
   * Records which Secrets a group's build read and which primaries to reconcile when they change;
   * stops the watches no group needs any more.
   */
  public synchronized void retain(String group, Set<ResourceID> members, Set<SecretKey> read) {
    if (stopped) {
      return;
    }
    if (read.isEmpty()) {
      readByGroup.remove(group);
      membersByGroup.remove(group);
    } else {
      readByGroup.put(group, Set.copyOf(read));
      membersByGroup.put(group, Set.copyOf(members));
      read.forEach(this::watch);
    }
    Set<SecretKey> needed = new HashSet<>();
    readByGroup.values().forEach(needed::addAll);
    for (SecretKey key : Set.copyOf(watches.keySet())) {
      if (!needed.contains(key)) {
        SharedIndexInformer<Secret> informer = watches.remove(key);
        if (informer != null) {
          log.info("stopping watch of secret={}", key);
          informer.stop();
        }
      }
    }
  }

  /** The Secrets watched now, for tests and metrics. */
  Set<SecretKey> watched() {
    return Set.copyOf(watches.keySet());
  }

  private SharedIndexInformer<Secret> watch(SecretKey key) {
    return watches.computeIfAbsent(
        key,
        k -> {
          log.info("watching secret={}", k);
          var selected =
              client.secrets().inNamespace(k.namespace()).withField("metadata.name", k.name());
          var labelled =
              label.isPresent()
                  ? selected.withLabel(label.get().key(), label.get().value())
                  : selected;
          return labelled.inform(new Changes(k), 0);
        });
  }

  private void changed(SecretKey key) {
    readByGroup.forEach(
        (group, keys) -> {
          if (keys.contains(key)) {
            log.info("secret={} changed: reconciling group={}", key, group);
            membersByGroup
                .getOrDefault(group, Set.of())
                .forEach(id -> getEventHandler().handleEvent(new Event(id)));
          }
        });
  }

  /** Builds read Secrets through {@link #get}; JOSDK's secondary-resource lookup is not used. */
  @Override
  public Set<Secret> getSecondaryResources(P primary) {
    return Set.of();
  }

  @Override
  public void stop() throws OperatorException {
    synchronized (this) {
      stopped = true;
    }
    watches.values().forEach(SharedIndexInformer::stop);
    watches.clear();
    super.stop();
  }

  /** Creation, deletion and data changes reconcile the referencing groups. */
  private final class Changes implements ResourceEventHandler<Secret> {
    private final SecretKey key;

    Changes(SecretKey key) {
      this.key = key;
    }

    @Override
    public void onAdd(Secret secret) {
      changed(key);
    }

    @Override
    public void onUpdate(Secret before, Secret now) {
      if (!Objects.equals(before.getData(), now.getData())
          || !Objects.equals(
              before.getMetadata().getDeletionTimestamp(),
              now.getMetadata().getDeletionTimestamp())) {
        changed(key);
      }
    }

    @Override
    public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
      changed(key);
    }
  }
}
