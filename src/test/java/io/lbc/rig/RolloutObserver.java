package io.lbc.rig;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.lbc.rig.TargetHealthControl.Registration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Watches a Deployment's pods and samples its target group's health from the emulator while it
 * rolls or scales, then checks what must hold at every instant: enough targets in service, no pod
 * Ready before its target is healthy, no target removed before its replacement is healthy, no
 * draining target registered again. Pod transitions are timed by a watch (milliseconds, this host's
 * clock); target transitions come from the emulator's history (the same clock).
 */
public final class RolloutObserver implements AutoCloseable {
  /** One DescribeTargetHealth: target ID → state, at epoch millis. */
  public record Sample(long at, Map<String, String> states) {}

  private final ElasticLoadBalancingV2Client elb;
  private final TargetHealthControl health;
  private final String targetGroupArn;
  private final String gate;
  private final long startedAt = System.currentTimeMillis();
  private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> podIps = new ConcurrentHashMap<>();
  private final Map<String, Long> containersReadyAt = new ConcurrentHashMap<>();
  private final Map<String, Long> gateTrueAt = new ConcurrentHashMap<>();
  private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
  private final List<String> readyWithoutGate = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final Watch watch;

  public RolloutObserver(
      KubernetesClient kube,
      ElasticLoadBalancingV2Client elb,
      TargetHealthControl health,
      String namespace,
      String app,
      String targetGroupArn,
      String gate) {
    this.elb = elb;
    this.health = health;
    this.targetGroupArn = targetGroupArn;
    this.gate = gate;
    this.watch =
        kube.pods()
            .inNamespace(namespace)
            .withLabel("app", app)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    observe(pod, System.currentTimeMillis());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void observe(Pod pod, long now) {
    String name = pod.getMetadata().getName();
    if (pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
      podIps.putIfAbsent(name, pod.getStatus().getPodIP());
    }
    boolean ready = Workloads.isTrue(pod, "Ready");
    if (Workloads.isTrue(pod, "ContainersReady")) {
      containersReadyAt.putIfAbsent(name, now);
    }
    if (Workloads.isTrue(pod, gate)) {
      gateTrueAt.putIfAbsent(name, now);
    }
    if (ready) {
      readyAt.putIfAbsent(name, now);
      if (!Workloads.isTrue(pod, gate)) {
        readyWithoutGate.add(name);
      }
    }
  }

  private void sample() {
    try {
      long at = System.currentTimeMillis();
      var states =
          elb
              .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
              .targetHealthDescriptions()
              .stream()
              .collect(
                  Collectors.toMap(
                      d -> d.target().id(), d -> d.targetHealth().stateAsString(), (a, b) -> a));
      samples.add(new Sample(at, states));
    } catch (RuntimeException e) {
      // a failed sample is a gap, not a result; the history still covers it
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    watch.close();
  }

  /** Stops observing and judges what was seen against the emulator's history. */
  public Report report() {
    close();
    List<Registration> history = health.history(targetGroupArn).targets();
    return new Report(
        startedAt,
        System.currentTimeMillis(),
        List.copyOf(samples),
        history,
        Map.copyOf(podIps),
        Map.copyOf(containersReadyAt),
        Map.copyOf(gateTrueAt),
        Map.copyOf(readyAt),
        List.copyOf(readyWithoutGate));
  }

  /** What was observed, and the figures and invariants computed from it. */
  public record Report(
      long from,
      long to,
      List<Sample> samples,
      List<Registration> history,
      Map<String, String> podIps,
      Map<String, Long> containersReadyAt,
      Map<String, Long> gateTrueAt,
      Map<String, Long> readyAt,
      List<String> readyWithoutGate) {

    /**
     * The fewest targets in service in any sample: healthy, or initial in a registration that went
     * on to become healthy.
     */
    public int fewestInServiceSampled() {
      return samples.stream()
          .mapToInt(
              s ->
                  (int)
                      s.states().entrySet().stream()
                          .filter(
                              e ->
                                  e.getValue().equals("healthy")
                                      || (e.getValue().equals("initial")
                                          && becameHealthy(e.getKey(), s.at())))
                          .count())
          .min()
          .orElse(0);
    }

    private boolean becameHealthy(String id, long at) {
      return history.stream()
          .filter(r -> r.id().equals(id) && r.registeredAt() <= at)
          .reduce((a, b) -> b)
          .map(r -> r.healthyAt() != null)
          .orElse(false);
    }

    /**
     * The fewest healthy targets at any moment of the observation, from the history: at each
     * registration, health and deregistration boundary, the registrations healthy by then and not
     * yet deregistered. A target removed before its replacement was healthy lowers it.
     */
    public int fewestHealthyFromHistory() {
      var moments = new ArrayList<Long>();
      for (Registration r : history) {
        moments.add(r.registeredAt());
        if (r.healthyAt() != null) {
          moments.add(r.healthyAt());
        }
        if (r.deregisteredAt() != null) {
          moments.add(r.deregisteredAt());
        }
      }
      return moments.stream()
          .filter(t -> t >= from && t <= to)
          .mapToInt(
              t ->
                  (int)
                      history.stream()
                          .filter(
                              r ->
                                  r.healthyAt() != null
                                      && r.healthyAt() <= t
                                      && (r.deregisteredAt() == null || r.deregisteredAt() > t))
                          .count())
          .min()
          .orElse(Integer.MAX_VALUE);
    }

    /** Registrations made again while the same target was still draining. */
    public List<Registration> reregisteredWhileDraining() {
      return history.stream().filter(Registration::reregisteredWhileDraining).toList();
    }

    /** Deregistered registrations that DeregisterTargets named more than once. */
    public List<Registration> deregisteredMoreThanOnce() {
      return history.stream().filter(r -> r.deregistrations() > 1).toList();
    }

    /** Whether any sample saw the target draining. */
    public boolean sawDraining(String id) {
      return samples.stream().anyMatch(s -> "draining".equals(s.states().get(id)));
    }

    /** Pods whose gate turned True before their target was healthy in the emulator. */
    public List<String> gateBeforeHealthy() {
      var early = new ArrayList<String>();
      gateTrueAt.forEach(
          (pod, at) -> {
            Registration r = registrationOf(pod, at);
            if (r == null || r.healthyAt() == null || r.healthyAt() > at) {
              early.add(pod);
            }
          });
      return early;
    }

    /** The registration of the pod's IP that was current at {@code at}. */
    private Registration registrationOf(String pod, long at) {
      String ip = podIps.get(pod);
      return history.stream()
          .filter(r -> r.id().equals(ip) && r.registeredAt() <= at)
          .reduce((a, b) -> b)
          .orElse(null);
    }

    /** Milliseconds from a pod's containers being ready to its RegisterTargets, per new pod. */
    public List<Long> podReadyToRegistered() {
      var latencies = new ArrayList<Long>();
      containersReadyAt.forEach(
          (pod, at) -> {
            String ip = podIps.get(pod);
            history.stream()
                .filter(r -> r.id().equals(ip) && r.registeredAt() >= from)
                .filter(r -> r.deregisteredAt() == null || r.deregisteredAt() >= at)
                .findFirst()
                .ifPresent(r -> latencies.add(r.registeredAt() - at));
          });
      return latencies;
    }

    /** Milliseconds from a target turning healthy to its pod's gate being seen True. */
    public List<Long> healthyToGateTrue() {
      var latencies = new ArrayList<Long>();
      gateTrueAt.forEach(
          (pod, at) -> {
            Registration r = registrationOf(pod, at);
            if (r != null && r.healthyAt() != null && r.registeredAt() >= from) {
              latencies.add(at - r.healthyAt());
            }
          });
      return latencies;
    }

    public static String percentiles(List<Long> values) {
      if (values.isEmpty()) {
        return "n/a";
      }
      var sorted = values.stream().sorted().toList();
      return "p50 %d ms, p99 %d ms (n=%d)"
          .formatted(at(sorted, 0.50), at(sorted, 0.99), sorted.size());
    }

    private static long at(List<Long> sorted, double quantile) {
      int index = (int) Math.ceil(quantile * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
  }
}
