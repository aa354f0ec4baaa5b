package io.lbc.k8s.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Feeds one controller from a shared {@link ClusterCache} informer: each change of an object we
 * read reconciles the primaries {@code toPrimaries} names (before and after the change); updates
 * that touch only fields we do not keep (heartbeats, status noise) reconcile nothing. Starting it
 * waits for the informer's first complete list, so no reconcile reads a half-filled cache.
 * Controllers read the cache through the informer itself, not through this source.
 */
public final class CacheEventSource<T extends SlimResource, P extends HasMetadata>
    extends AbstractEventSource<T, P> implements ResourceEventHandler<T> {
  private final ClusterCache cache;
  private final Optional<String> namespace;
  private final SharedIndexInformer<T> informer;
  private final Function<T, Set<ResourceID>> toPrimaries;

  public CacheEventSource(
      ClusterCache cache,
      Class<T> type,
      Optional<String> namespace,
      Function<T, Set<ResourceID>> toPrimaries) {
    super(type, "shared-" + type.getSimpleName() + namespace.map(n -> "-" + n).orElse(""));
    this.cache = cache;
    this.namespace = namespace;
    this.informer = cache.informer(type, namespace);
    this.toPrimaries = toPrimaries;
  }

  public SharedIndexInformer<T> informer() {
    return informer;
  }

  @Override
  public void start() throws OperatorException {
    cache.awaitSynced(resourceType(), namespace);
    super.start();
    informer.addEventHandler(this);
  }

  @Override
  public void stop() throws OperatorException {
    informer.removeEventHandler(this);
    super.stop();
  }

  @Override
  public Set<T> getSecondaryResources(P primary) {
    return Set.of();
  }

  /**
   * The event of an object that changed or went away while the controller ran: a real change (a
   * rollout's pod turning ready, a Service edited), unlike the adds an informer replays when it
   * starts, JOSDK's timers and retries. The reconcile order serves it as a user change.
   */
  public static final class Change extends Event {
    public Change(ResourceID primary) {
      super(primary);
    }
  }

  @Override
  public void onAdd(T object) {
    reconcile(toPrimaries.apply(object), Event::new);
  }

  @Override
  public void onUpdate(T before, T now) {
    if (SlimResource.changed(now, before)) {
      Set<ResourceID> ids = new HashSet<>(toPrimaries.apply(now));
      ids.addAll(toPrimaries.apply(before));
      reconcile(ids, Change::new);
    }
  }

  @Override
  public void onDelete(T object, boolean deletedFinalStateUnknown) {
    reconcile(toPrimaries.apply(object), Change::new);
  }

  private void reconcile(Set<ResourceID> ids, Function<ResourceID, Event> event) {
    if (!isRunning() || getEventHandler() == null) {
      return;
    }
    ids.forEach(id -> getEventHandler().handleEvent(event.apply(id)));
  }
}
