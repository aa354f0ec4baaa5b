package io.lbc.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reference's {@code awslbc_controller_top_talkers{controller,namespace,name}}: the objects
 * reconciled most. Reconciles are counted per object over a window; every {@link #WINDOW} the three
 * most reconciled objects of each controller are published with their counts and the counts start
 * again from zero. The {@code controller} values are the reference's: {@code ingress}, {@code
 * service}, {@code targetgroupbinding}, {@code albgateway}, {@code nlbgateway}.
 *
 * <p>One difference: the reference never removes a series, so an object that once was a top talker
 * keeps its old count forever; here each window's publication replaces the last one.
 */
public final class TopTalkers {
  public static final Duration WINDOW = Duration.ofMinutes(3);
  static final int TOP = 3;

  /** JOSDK controller name → the reference's top-talker {@code controller} value. */
  private static final Map<String, String> CONTROLLERS =
      Map.of(
          "ingress", "ingress",
          "service", "service",
          "targetGroupBinding", "targetgroupbinding",
          "gateway.k8s.aws/alb", "albgateway",
          "gateway.k8s.aws/nlb", "nlbgateway");

  /** One reconciled object and how often it was reconciled in the window. */
  public record Talker(String controller, String namespace, String name, long count) {}

  private record Key(String controller, String namespace, String name) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final MultiGauge gauge;

  public TopTalkers(MeterRegistry registry) {
    this.gauge =
        MultiGauge.builder("awslbc.controller.top.talkers")
            .description("Counts the number of reconciliations triggered per resource")
            .register(registry);
  }

  /** Counts one reconcile of an object by the controller so named (others are not counted). */
  public void reconciled(String controllerName, String namespace, String name) {
    String controller = CONTROLLERS.get(controllerName);
    if (controller != null) {
      counts
          .computeIfAbsent(
              new Key(controller, namespace == null ? "" : namespace, name), k -> new LongAdder())
          .increment();
    }
  }

  /** The most reconciled objects of each controller in the window so far, most first. */
  public List<Talker> top() {
    var byController = new ConcurrentHashMap<String, List<Talker>>();
    counts.forEach(
        (key, count) ->
            byController
                .computeIfAbsent(key.controller(), c -> new ArrayList<>())
                .add(new Talker(key.controller(), key.namespace(), key.name(), count.sum())));
    var top = new ArrayList<Talker>();
    byController.values().stream()
        .map(
            talkers ->
                talkers.stream()
                    .sorted(Comparator.comparingLong(Talker::count).reversed())
                    .limit(TOP)
                    .toList())
        .forEach(top::addAll);
    return top;
  }

  /** Publishes the window's top talkers and starts a new window. */
  public void publish() {
    List<Talker> top = top();
    counts.clear();
    gauge.register(
        top.stream()
            .map(
                t ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "controller",
                            t.controller(),
                            "namespace",
                            t.namespace(),
                            "name",
                            t.name()),
                        t.count()))
            .toList(),
        true);
  }

  /** Publishes every {@link #WINDOW} on a daemon thread, until closed. */
  public AutoCloseable publishEvery(Duration window) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "top-talkers");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        this::publish, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }
}
