package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.lbc.k8s.cache.CacheEventSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Which reconcile JOSDK is about to hand to the executor, and whether a user asked for it: an
 * object created after start-up, an update that changes what the controller reads, or a change of
 * an object it reads through the shared caches ({@link CacheEventSource.Change}: an EndpointSlice
 * of a rollout, an edited Service) is a user change; the start-up backlog, periodic resyncs and
 * retries are not. The {@link PerControllerExecutor} serves user changes first, and so does the AWS
 * rate limit.
 *
 * <p>JOSDK 5 has a single executor and says nothing to it about a task; but it reports each
 * submission to its {@link Metrics} ({@code reconcileCustomResource}, with the controller's name)
 * on the submitting thread right before {@code execute}. This wraps the metrics to remember that
 * submission for the executor — a public API rather than the task's {@code toString()}.
 *
 * <p>A change to an object whose start-up reconcile is still queued does not make JOSDK submit
 * again (it only notes the event and re-runs after the queued one): so the executor is told of each
 * user change ({@link #whenUserChanged}) and moves that queued reconcile to the front.
 */
public final class ReconcileOrder {

  /** One submission: the controller, the resource, and whether a user change asked for it. */
  public record Submission(String controller, ResourceID resource, boolean userChange) {}

  private final ThreadLocal<Submission> next = new ThreadLocal<>();

  /** The user changes not submitted yet, by {@link #key}, with when they were seen. */
  private final Map<String, Long> userChanged = new ConcurrentHashMap<>();

  private final AtomicBoolean started = new AtomicBoolean();
  private volatile BiConsumer<String, ResourceID> listener = (controller, id) -> {};

  /** Called with the controller and resource of each user change to an existing object. */
  void whenUserChanged(BiConsumer<String, ResourceID> listener) {
    this.listener = listener;
  }

  /** After start-up every new object is a user change. */
  public void started() {
    started.set(true);
  }

  /** The submission reported on this thread just now, taken (at most once). */
  Optional<Submission> take() {
    Submission submission = next.get();
    next.remove();
    return Optional.ofNullable(submission);
  }

  /** Marks updates that {@code filter} lets through as user changes. */
  public <T extends HasMetadata> OnUpdateFilter<T> onUpdate(
      String controller, OnUpdateFilter<T> filter) {
    return onUpdate(controller, filter, filter);
  }

  /** Lets through the updates {@code filter} does, marking those {@code byUser} accepts. */
  public <T extends HasMetadata> OnUpdateFilter<T> onUpdate(
      String controller, OnUpdateFilter<T> filter, OnUpdateFilter<T> byUser) {
    return (updated, previous) -> {
      boolean accepted = filter.accept(updated, previous);
      if (accepted && byUser.accept(updated, previous)) {
        userChanged(controller, ResourceID.fromResource(updated));
      }
      return accepted;
    };
  }

  /**
   * Lets through the updates that change what the controller reads ({@link StatusOnlyChange}),
   * marking those a user made.
   */
  public <T extends HasMetadata> OnUpdateFilter<T> onUpdateOf(
      String controller, java.util.function.Function<T, Object> spec) {
    return onUpdate(controller, StatusOnlyChange.ignored(spec), StatusOnlyChange.userMade(spec));
  }

  /**
   * A replica taking over: of the changes it saw while standing by (never submitted: it did not
   * lead), only those of the last {@code window} may still wait for AWS; older ones were the
   * previous leader's to serve, and are part of the start-up backlog now.
   */
  public void tookOver(Duration window) {
    long oldest = System.nanoTime() - window.toNanos();
    userChanged.values().removeIf(seen -> seen - oldest < 0);
  }

  private void userChanged(String controller, ResourceID id) {
    userChanged.put(key(controller, id), System.nanoTime());
    listener.accept(controller, id);
  }

  /** Marks objects created after start-up as user changes (lets every add through). */
  public <T extends HasMetadata> OnAddFilter<T> onAdd(String controller) {
    return added -> {
      if (started.get()) {
        userChanged.put(key(controller, ResourceID.fromResource(added)), System.nanoTime());
      }
      return true;
    };
  }

  /** JOSDK's metrics, with each submission remembered for the executor. */
  public Metrics tap(Metrics metrics) {
    return new Metrics() {
      @Override
      public void reconcileCustomResource(
          HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
        if (name != null) {
          ResourceID id = ResourceID.fromResource(resource);
          boolean userChange = userChanged.remove(key(name.toString(), id)) != null;
          next.set(new Submission(name.toString(), id, userChange));
        }
        metrics.reconcileCustomResource(resource, retryInfo, metadata);
      }

      @Override
      public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        metrics.controllerRegistered(controller);
      }

      @Override
      public void receivedEvent(Event event, Map<String, Object> metadata) {
        Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
        if (name != null && started.get() && event instanceof CacheEventSource.Change) {
          userChanged(name.toString(), event.getRelatedCustomResourceID());
        }
        metrics.receivedEvent(event, metadata);
      }

      @Override
      public void failedReconciliation(
          HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        metrics.failedReconciliation(resource, exception, metadata);
      }

      @Override
      public void reconciliationExecutionStarted(
          HasMetadata resource, Map<String, Object> metadata) {
        metrics.reconciliationExecutionStarted(resource, metadata);
      }

      @Override
      public void reconciliationExecutionFinished(
          HasMetadata resource, Map<String, Object> metadata) {
        metrics.reconciliationExecutionFinished(resource, metadata);
      }

      @Override
      public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
        metrics.cleanupDoneFor(resourceID, metadata);
      }

      @Override
      public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        metrics.finishedReconciliation(resource, metadata);
      }

      @Override
      public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        return metrics.timeControllerExecution(execution);
      }

      @Override
      public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
        return metrics.monitorSizeOf(map, name);
      }
    };
  }

  static String key(String controller, ResourceID id) {
    return controller + "/" + id.getNamespace().orElse("") + "/" + id.getName();
  }
}
