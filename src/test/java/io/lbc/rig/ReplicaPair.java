package io.lbc.rig;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two controller processes with leader election on the rig's apiserver, watching one namespace and
 * authenticated as its ServiceAccount {@code lbc} (so the apiserver's audit log records their
 * requests): one leads, the other stands by with warm informers.
 */
public final class ReplicaPair implements AutoCloseable {
  private final ControllerProcess first;
  private final ControllerProcess second;

  private ReplicaPair(ControllerProcess first, ControllerProcess second) {
    this.first = first;
    this.second = second;
  }

  /**
   * Starts {@code first}, waits until it leads and is ready, then starts the standby: the leader is
   * known before anything is created.
   */
  public static ReplicaPair start(
      Rig rig,
      AwsTestClients aws,
      String name,
      String cluster,
      String vpcId,
      String ns,
      Path kubeconfig) {
    List<String> flags =
        List.of(
            "--cluster-name=" + cluster,
            "--aws-vpc-id=" + vpcId,
            "--watch-namespace=" + ns,
            "--kubeconfig=" + kubeconfig,
            "--leader-election-namespace=" + ns,
            "--webhook-bind-port=0");
    var first = ControllerProcess.start(rig, aws, name + "-first", flags);
    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> first.probe("/readyz").status() == 200 && first.isLeading());
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
    return new ReplicaPair(first, ControllerProcess.start(rig, aws, name + "-second", flags));
  }

  public ControllerProcess leader() {
    return first;
  }

  public ControllerProcess standby() {
    return second;
  }

  /** Until the standby answers ready: its informers have listed and it waits for the lease. */
  public void awaitStandbyReady() {
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> second.probe("/readyz").status() == 200);
  }

  /** Until {@code controller} made no AWS call for {@code quiet}. */
  public static void awaitQuiet(ControllerProcess controller, Duration quiet, Duration atMost) {
    var last = new AtomicLong(-1);
    await()
        .atMost(atMost)
        .pollDelay(quiet)
        .pollInterval(quiet)
        .until(
            () -> {
              long now = total(controller);
              return last.getAndSet(now) == now;
            });
  }

  private static long total(ControllerProcess controller) {
    return controller.awsCallsByOperation().values().stream().mapToLong(Long::longValue).sum();
  }

  /** The calls of {@code after} that were not yet in {@code before}, by operation. */
  public static SortedMap<String, Long> difference(
      Map<String, Long> after, Map<String, Long> before) {
    var calls = new TreeMap<String, Long>();
    after.forEach(
        (op, n) -> {
          long made = n - before.getOrDefault(op, 0L);
          if (made > 0) {
            calls.put(op, made);
          }
        });
    return calls;
  }

  @Override
  public void close() {
    var errors = new ArrayList<RuntimeException>();
    for (ControllerProcess process : List.of(first, second)) {
      try {
        process.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }
}
