package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.FaultProxy;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller jar as a real process, SIGKILLed right after each single AWS write of an Ingress
 * create and started again: whatever write it died after (moto has it, the process never learnt
 * it), the restarted process finds what exists and ends with exactly what a clean create makes.
 * Every call goes through {@link FaultProxy}, whose {@link FaultProxy#afterNthWrite} hook kills the
 * process once moto has answered the write and before the answer reaches the process.
 */
@RigTest
class ProcessKillIT {
  private static final Logger log = LoggerFactory.getLogger(ProcessKillIT.class);
  private static final Duration CONVERGED = Duration.ofSeconds(180);

  /** One restart: a JVM start, informer sync and a reconcile, on a loaded CI machine. */
  private static final Duration ROUND = Duration.ofMinutes(5);

  private FaultProxy proxy;
  private IngressRig it;
  private final AtomicReference<ControllerProcess> running = new AtomicReference<>();

  @AfterEach
  void stop() {
    ControllerProcess process = running.getAndSet(null);
    if (process != null) {
      process.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void killedAfterEachWriteOfACreateItEndsWithExactlyTheResourcesOfACleanCreate(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    it = IngressRig.withoutController(rig, kube, aws, ns);
    proxy = FaultProxy.start(rig.motoUrl());
    it.nodePortService("web", Map.of());
    it.nodePortService("api", Map.of());
    VpcInventory empty = VpcInventory.of(aws, it.vpc.vpcId());

    // a clean create, by one process that lives throughout
    long started = System.nanoTime();
    startProcess(rig, aws, ns, "kill-clean");
    it.ingress(TWO_BACKENDS.replace("NAME", "clean"));
    awaitHostname("clean");
    awaitNoCallsFor(Duration.ofSeconds(5));
    long cleanMillis = (System.nanoTime() - started) / 1_000_000;
    long cleanWrites = proxy.forwardedWrites();
    VpcInventory clean = VpcInventory.of(aws, it.vpc.vpcId()).since(empty);
    log.info(
        "measured clean create: {} writes ({} calls) in {} ms: {}; writes by operation: {}",
        cleanWrites,
        proxy.calls().size(),
        cleanMillis,
        clean.counts(),
        writesByOperation());
    assertThat(clean.loadBalancers()).hasSize(1);
    assertThat(cleanWrites).isGreaterThan(1);

    it.delete("clean");
    await().atMost(CONVERGED).until(() -> it.get("clean").isEmpty());
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(VpcInventory.of(aws, it.vpc.vpcId()).since(empty).counts())
                    .isEqualTo(VpcInventory.NOTHING.counts()));
    running.getAndSet(null).close();
    VpcInventory afterClean = VpcInventory.of(aws, it.vpc.vpcId());
    assertThat(afterClean.since(empty).loadBalancers()).isEmpty();

    // the same create, the process killed right after each write and started again
    proxy.forgetCalls();
    it.ingress(TWO_BACKENDS.replace("NAME", "killed"));
    List<Long> killedAfter = new ArrayList<>();
    int restarts = 0;
    started = System.nanoTime();
    for (int round = 1; round <= cleanWrites; round++) {
      var killed = new AtomicBoolean();
      proxy.afterNthWrite(
          1,
          () -> {
            killed.set(true);
            running.get().kill();
          });
      startProcess(rig, aws, ns, "kill-" + round);
      if (round > 1) {
        restarts++;
      }
      awaitKilledOrConverged(round, killed);
      if (!killed.get()) {
        break;
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !running.get().isAlive());
      killedAfter.add(proxy.forwardedWrites());
      running.set(null);
    }
    proxy.clearFaults();
    if (running.get() == null) {
      startProcess(rig, aws, ns, "kill-final");
      restarts++;
    }
    awaitHostname("killed");
    awaitNoCallsFor(Duration.ofSeconds(5));
    long killedMillis = (System.nanoTime() - started) / 1_000_000;
    VpcInventory killed = VpcInventory.of(aws, it.vpc.vpcId()).since(afterClean);
    log.info(
        "measured kill after each write: clean create {} writes; killed after cumulative writes"
            + " {} ({} kills, {} restarts); {} writes in all, converged in {} ms: {}; writes by"
            + " operation: {}",
        cleanWrites,
        killedAfter,
        killedAfter.size(),
        restarts,
        proxy.forwardedWrites(),
        killedMillis,
        killed.counts(),
        writesByOperation());

    assertThat(killedAfter)
        .as("a kill after each write of the create")
        .hasSizeGreaterThanOrEqualTo((int) cleanWrites - 1);
    assertThat(killed.counts()).as("no duplicate, nothing leaked").isEqualTo(clean.counts());
    assertThat(killed.loadBalancers()).hasSize(1);

    it.delete("killed");
    await().atMost(CONVERGED).until(() -> it.get("killed").isEmpty());
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(VpcInventory.of(aws, it.vpc.vpcId()).since(afterClean).counts())
                    .isEqualTo(VpcInventory.NOTHING.counts()));
  }

  private static final String TWO_BACKENDS =
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        namespace: '%1$s'
        name: NAME
        annotations:
          alb.ingress.kubernetes.io/scheme: internet-facing
      spec:
        ingressClassName: alb
        rules:
          - host: NAME.example.com
            http:
              paths:
                - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
                - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
      """;

  private void startProcess(Rig rig, AwsTestClients aws, TestNamespace ns, String name) {
    running.set(
        ControllerProcess.start(
            rig,
            aws,
            name,
            List.of(
                proxy.endpointsFlag(),
                "--cluster-name=" + IngressRig.CLUSTER,
                "--aws-vpc-id=" + it.vpc.vpcId(),
                "--watch-namespace=" + ns.name(),
                "--enable-leader-election=false")));
  }

  private void awaitHostname(String name) {
    await()
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              ControllerProcess process = running.get();
              assertThat(process.isAlive()).as(process.output()).isTrue();
              assertThat(it.get(name).flatMap(IngressRig::hostname)).isPresent();
            });
  }

  /**
   * Until the process was killed after a write or converged without writing; a process that died on
   * its own or a timeout fails with what the process and the proxy saw.
   */
  private void awaitKilledOrConverged(int round, AtomicBoolean killed) {
    try {
      await()
          .atMost(ROUND)
          .until(
              () -> {
                if (killed.get()) {
                  return true;
                }
                ControllerProcess process = running.get();
                if (process != null && !process.isAlive() && !killed.get()) {
                  throw new AssertionError(diagnostics(round, "the process exited on its own"));
                }
                return convergedWithoutWriting("killed");
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(diagnostics(round, "neither killed nor converged"), e);
    }
  }

  private String diagnostics(int round, String what) {
    ControllerProcess process = running.get();
    List<FaultProxy.Call> calls = proxy.calls();
    String output = process == null ? "" : process.output();
    String[] lines = output.split("\n");
    String tail =
        String.join(
            "\n",
            java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
    return "round %d: %s; alive=%s; hostname=%s; %d calls, last: %s%nprocess output (tail):%n%s"
        .formatted(
            round,
            what,
            process != null && process.isAlive(),
            it.get("killed").flatMap(IngressRig::hostname),
            calls.size(),
            calls.subList(Math.max(0, calls.size() - 25), calls.size()),
            tail);
  }

  /** Until the proxy has seen no call for {@code quiet}. */
  private void awaitNoCallsFor(Duration quiet) {
    awaitNoCallsFor(quiet, CONVERGED);
  }

  private void awaitNoCallsFor(Duration quiet, Duration atMost) {
    var last = new AtomicLong(-1);
    var since = new AtomicLong(System.nanoTime());
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              long calls = proxy.calls().size();
              long now = System.nanoTime();
              if (calls != last.getAndSet(calls)) {
                since.set(now);
                return false;
              }
              return Duration.ofNanos(now - since.get()).compareTo(quiet) >= 0;
            });
  }

  /**
   * The process is ready, the Ingress has its hostname, and the process made no call for 5 s. A
   * process still starting makes no call either, hence readiness first; and the quiet is looked for
   * only briefly so that the caller's own deadline bounds the wait.
   */
  private boolean convergedWithoutWriting(String name) {
    ControllerProcess process = running.get();
    if (process == null || process.probe("/readyz").status() != 200) {
      return false;
    }
    if (it.get(name).flatMap(IngressRig::hostname).isEmpty()) {
      return false;
    }
    long writes = proxy.forwardedWrites();
    try {
      awaitNoCallsFor(Duration.ofSeconds(5), Duration.ofSeconds(30));
    } catch (org.awaitility.core.ConditionTimeoutException stillCalling) {
      return false;
    }
    return proxy.forwardedWrites() == writes;
  }

  private Map<String, Long> writesByOperation() {
    var writes = new java.util.TreeMap<String, Long>();
    proxy.calls().stream()
        .filter(c -> c.outcome() == FaultProxy.Outcome.FORWARDED)
        .filter(c -> io.lbc.rig.InProcessController.isWrite(c.operation()))
        .forEach(c -> writes.merge(c.operation(), 1L, Long::sum));
    return writes;
  }
}
