package io.lbc.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.BaseControl;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * controller-runtime's per-controller series, fed by JOSDK's callbacks, so the dashboards and
 * alerts written for every Go operator work unchanged: {@code
 * controller_runtime_reconcile_total{controller,result}}, {@code
 * controller_runtime_reconcile_errors_total{controller}}, {@code
 * controller_runtime_reconcile_time_seconds{controller}} (controller-runtime's buckets) and the
 * work queue's {@code workqueue_depth} and {@code workqueue_adds_total} ({@code {name,controller}},
 * both labels the controller's name, as controller-runtime sets them).
 *
 * <p>JOSDK has no work queue; its equivalent is the set of resources with an event not yet taken by
 * a reconcile. An event for a resource already waiting is merged, as client-go's queue merges a
 * duplicate add, and is not counted as an add.
 */
public final class ReconcileMetrics implements Metrics {
  /** controller-runtime's {@code reconcile_time_seconds} buckets. */
  static final double[] RECONCILE_TIME_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9,
    1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50,
    60
  };

  private static final String CONTROLLER_NAME = Constants.CONTROLLER_NAME;

  private final MeterRegistry registry;
  private final TopTalkers topTalkers;
  private final Map<String, Set<ResourceID>> waiting = new ConcurrentHashMap<>();

  public ReconcileMetrics(MeterRegistry registry) {
    this(registry, new TopTalkers(registry));
  }

  /**
   * @param topTalkers told of every reconcile, by object
   */
  public ReconcileMetrics(MeterRegistry registry, TopTalkers topTalkers) {
    this.registry = registry;
    this.topTalkers = topTalkers;
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    String name = controller.getConfiguration().getName();
    queue(name);
    for (String result : new String[] {"success", "error", "requeue_after"}) {
      reconciles(name, result);
    }
    errors(name);
    adds(name);
    reconcileTime(name);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    String controller = controller(metadata);
    if (controller != null && queue(controller).add(event.getRelatedCustomResourceID())) {
      adds(controller).increment();
    }
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    String controller = controller(metadata);
    if (controller != null) {
      queue(controller).remove(ResourceID.fromResource(resource));
      topTalkers.reconciled(
          controller, resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    String controller = controller(metadata);
    if (controller != null) {
      queue(controller).remove(resourceID);
    }
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    String controller = execution.controllerName();
    long started = System.nanoTime();
    try {
      T result = execution.execute();
      boolean rescheduled =
          result instanceof BaseControl<?> control && control.getScheduleDelay().isPresent();
      reconciles(controller, rescheduled ? "requeue_after" : "success").increment();
      return result;
    } catch (Exception e) {
      reconciles(controller, "error").increment();
      errors(controller).increment();
      throw e;
    } finally {
      reconcileTime(controller).record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static String controller(Map<String, Object> metadata) {
    Object name = metadata == null ? null : metadata.get(CONTROLLER_NAME);
    return name == null ? null : name.toString();
  }

  private Set<ResourceID> queue(String controller) {
    return waiting.computeIfAbsent(
        controller,
        name -> {
          Set<ResourceID> set = ConcurrentHashMap.newKeySet();
          Gauge.builder("workqueue.depth", set, Set::size)
              .description("Current depth of workqueue")
              .tag("name", name)
              .tag("controller", name)
              .register(registry);
          return set;
        });
  }

  private Counter reconciles(String controller, String result) {
    return Counter.builder("controller.runtime.reconcile")
        .description("Total number of reconciliations per controller")
        .tag("controller", controller)
        .tag("result", result)
        .register(registry);
  }

  private Counter errors(String controller) {
    return Counter.builder("controller.runtime.reconcile.errors")
        .description("Total number of reconciliation errors per controller")
        .tag("controller", controller)
        .register(registry);
  }

  private Counter adds(String controller) {
    return Counter.builder("workqueue.adds")
        .description("Total number of adds handled by workqueue")
        .tag("name", controller)
        .tag("controller", controller)
        .register(registry);
  }

  private Timer reconcileTime(String controller) {
    return Timer.builder("controller.runtime.reconcile.time")
        .description("Length of time per reconciliation per controller")
        .tag("controller", controller)
        .serviceLevelObjectives(
            Arrays.stream(RECONCILE_TIME_BUCKETS)
                .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9)))
                .toArray(Duration[]::new))
        .register(registry);
  }
}
