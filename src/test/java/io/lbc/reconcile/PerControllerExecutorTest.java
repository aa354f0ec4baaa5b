package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lbc.aws.CallPriority;
import io.lbc.k8s.cache.CacheEventSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerControllerExecutorTest {
  /** A task named as JOSDK's ReconcilerExecutor names itself. */
  private record Task(String controller, Runnable body) implements Runnable {
    @Override
    public void run() {
      body.run();
    }

    @Override
    public String toString() {
      return controller + " -> ResourceID{name='a', namespace='ns'}";
    }
  }

  @Test
  void eachControllerRunsAtMostItsWorkersAtOnceAndNeverWaitsForAnother() throws Exception {
    var executor = new PerControllerExecutor(Map.of("ingress", 3, "service", 1));
    var running = new AtomicInteger();
    var peak = new AtomicInteger();
    var release = new CountDownLatch(1);
    var ingressDone = new CountDownLatch(10);
    for (int i = 0; i < 10; i++) {
      executor.execute(
          new Task(
              "ingress",
              () -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                await(release);
                running.decrementAndGet();
                ingressDone.countDown();
              }));
    }
    var serviceRan = new CountDownLatch(1);
    executor.execute(new Task("service", serviceRan::countDown));

    assertThat(serviceRan.await(5, TimeUnit.SECONDS)).as("service not held by ingress").isTrue();
    Thread.sleep(200);
    assertThat(peak.get()).isEqualTo(3);
    release.countDown();
    assertThat(ingressDone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(peak.get()).isEqualTo(3);
    executor.shutdown();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void routesByTheControllerNameJosdkPutsFirst() {
    assertThat(PerControllerExecutor.controllerOf(new Task("targetGroupBinding", () -> {})))
        .isEqualTo("targetGroupBinding");
    assertThat(PerControllerExecutor.controllerOf(() -> {})).isEmpty();
  }

  private static Ingress ingress(String name) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName(name)
        .endMetadata()
        .build();
  }

  /** Submits as JOSDK does: reports the reconcile to its metrics, then executes it. */
  private static void submit(
      ReconcileOrder order,
      Metrics tapped,
      PerControllerExecutor executor,
      Ingress ingress,
      Runnable body) {
    tapped.reconcileCustomResource(ingress, null, Map.of(Constants.CONTROLLER_NAME, "ingress"));
    executor.execute(body);
  }

  @Test
  void aUserChangeRunsBeforeTheBacklogQueuedAheadOfIt() throws Exception {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    var executor = new PerControllerExecutor(Map.of("ingress", 1), order);
    var ran = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var release = new CountDownLatch(1);
    var all = new CountDownLatch(5);
    submit(
        order,
        tapped,
        executor,
        ingress("busy"),
        () -> {
          await(release);
          all.countDown();
        });
    for (String name : List.of("backlog-1", "backlog-2", "backlog-3")) {
      submit(
          order,
          tapped,
          executor,
          ingress(name),
          () -> {
            ran.add(name + " " + CallPriority.current());
            all.countDown();
          });
    }
    order.started();
    Ingress changed = ingress("changed");
    assertThat(order.<Ingress>onUpdate("ingress", (a, b) -> true).accept(changed, changed))
        .isTrue();
    submit(
        order,
        tapped,
        executor,
        changed,
        () -> {
          ran.add("changed " + CallPriority.current());
          all.countDown();
        });

    release.countDown();
    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    // and their AWS calls share the rate limit in the same order
    assertThat(ran)
        .containsExactly("changed HIGH", "backlog-1 LOW", "backlog-2 LOW", "backlog-3 LOW");
    executor.shutdown();
  }

  @Test
  void aChangeToAnObjectWhoseBacklogReconcileIsQueuedMovesThatReconcileToTheFront()
      throws Exception {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    var executor = new PerControllerExecutor(Map.of("ingress", 1), order);
    var ran = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var release = new CountDownLatch(1);
    var all = new CountDownLatch(5);
    submit(
        order,
        tapped,
        executor,
        ingress("busy"),
        () -> {
          await(release);
          all.countDown();
        });
    // the start-up backlog, the changed object last: JOSDK will not submit it again while queued
    for (String name : List.of("backlog-1", "backlog-2", "backlog-3", "changed")) {
      submit(
          order,
          tapped,
          executor,
          ingress(name),
          () -> {
            ran.add(name + " " + CallPriority.current());
            all.countDown();
          });
    }
    order.started();
    Ingress changed = ingress("changed");
    assertThat(order.<Ingress>onUpdate("ingress", (a, b) -> true).accept(changed, changed))
        .isTrue();
    // an update the filter drops promotes nothing
    Ingress other = ingress("backlog-3");
    assertThat(order.<Ingress>onUpdate("ingress", (a, b) -> false).accept(other, other)).isFalse();

    release.countDown();
    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    // and their AWS calls share the rate limit in the same order
    assertThat(ran)
        .containsExactly("changed HIGH", "backlog-1 LOW", "backlog-2 LOW", "backlog-3 LOW");
    executor.shutdown();
  }

  @Test
  void aChangeToAnObjectWhoseBacklogReconcileIsRunningRaisesThatReconcilesPriority()
      throws Exception {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    var executor = new PerControllerExecutor(Map.of("ingress", 1), order);
    var priorities = new java.util.concurrent.CopyOnWriteArrayList<CallPriority>();
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    submit(
        order,
        tapped,
        executor,
        ingress("changed"),
        () -> {
          priorities.add(CallPriority.current());
          started.countDown();
          await(release);
          priorities.add(CallPriority.current());
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    order.started();
    Ingress other = ingress("other");
    order.<Ingress>onUpdate("ingress", (a, b) -> true).accept(other, other);
    assertThat(priorities).containsExactly(CallPriority.LOW);

    Ingress changed = ingress("changed");
    order.<Ingress>onUpdate("ingress", (a, b) -> true).accept(changed, changed);
    release.countDown();
    executor.shutdown();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    // the change waits for this reconcile: its remaining AWS calls go at the change's priority
    assertThat(priorities).containsExactly(CallPriority.LOW, CallPriority.HIGH);
  }

  @Test
  void anObjectCreatedAfterStartUpIsAUserChangeButTheInitialListIsNot() {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    order.<Ingress>onAdd("ingress").accept(ingress("listed"));
    tapped.reconcileCustomResource(
        ingress("listed"), null, Map.of(Constants.CONTROLLER_NAME, "ingress"));
    assertThat(order.take()).hasValueSatisfying(s -> assertThat(s.userChange()).isFalse());
    order.started();
    order.<Ingress>onAdd("ingress").accept(ingress("new"));
    tapped.reconcileCustomResource(
        ingress("new"), null, Map.of(Constants.CONTROLLER_NAME, "ingress"));
    assertThat(order.take())
        .hasValueSatisfying(
            s -> {
              assertThat(s.userChange()).isTrue();
              assertThat(s.controller()).isEqualTo("ingress");
            });
    assertThat(order.take()).as("taken once").isEmpty();
    // a resync of the same object later is not a user change any more
    tapped.reconcileCustomResource(
        ingress("new"), null, Map.of(Constants.CONTROLLER_NAME, "ingress"));
    assertThat(order.take()).hasValueSatisfying(s -> assertThat(s.userChange()).isFalse());
  }

  @Test
  void aChangeOfAnObjectReadThroughTheCachesIsAUserChangeButAReplayedAddOrATimerIsNot() {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    Map<String, Object> ingressController = Map.of(Constants.CONTROLLER_NAME, "ingress");
    ResourceID id = ResourceID.fromResource(ingress("web"));
    // before start-up is over, a cache change is part of the backlog
    tapped.receivedEvent(new CacheEventSource.Change(id), ingressController);
    tapped.reconcileCustomResource(ingress("web"), null, ingressController);
    assertThat(order.take()).hasValueSatisfying(s -> assertThat(s.userChange()).isFalse());

    order.started();
    tapped.receivedEvent(new Event(id), ingressController); // a replayed add, a timer, a retry
    tapped.reconcileCustomResource(ingress("web"), null, ingressController);
    assertThat(order.take()).hasValueSatisfying(s -> assertThat(s.userChange()).isFalse());

    tapped.receivedEvent(new CacheEventSource.Change(id), ingressController); // a slice changed
    tapped.reconcileCustomResource(ingress("web"), null, ingressController);
    assertThat(order.take()).hasValueSatisfying(s -> assertThat(s.userChange()).isTrue());
  }

  @Test
  void aStandbyKeepsWhatItIsHandedAndServesTheChangesMadeWhileNoReplicaLedFirst() throws Exception {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    var executor = new PerControllerExecutor(Map.of("ingress", 1, "service", 1), order);
    executor.hold();
    order.started(); // the standby's informers are synced
    var ran = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var all = new CountDownLatch(5);
    Ingress changed = ingress("changed");
    assertThat(order.<Ingress>onUpdate("ingress", (a, b) -> true).accept(changed, changed))
        .isTrue();
    // JOSDK's start of event processing on takeover: every object, in no useful order
    for (String name : List.of("backlog-1", "backlog-2", "changed", "backlog-3")) {
      submit(
          tapped,
          executor,
          "ingress",
          ingress(name),
          () -> {
            ran.add(name + " " + CallPriority.current());
            all.countDown();
          });
    }
    submit(
        tapped,
        executor,
        "service",
        ingress("svc-backlog"),
        () -> {
          ran.add("svc-backlog " + CallPriority.current());
          all.countDown();
        });
    Thread.sleep(200);
    assertThat(ran).as("nothing runs while standing by").isEmpty();

    var released = executor.release();

    assertThat(released).isEqualTo(new PerControllerExecutor.Released(5, 1));
    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    // idle workers of both controllers took nothing of the backlog before the change was done
    assertThat(ran.get(0)).isEqualTo("changed HIGH");
    assertThat(ran.subList(1, 5))
        .containsExactlyInAnyOrder(
            "backlog-1 LOW", "backlog-2 LOW", "backlog-3 LOW", "svc-backlog LOW");
    assertThat(ran.subList(1, 5).stream().filter(r -> r.startsWith("backlog")).toList())
        .as("the backlog in arrival order")
        .containsExactly("backlog-1 LOW", "backlog-2 LOW", "backlog-3 LOW");
    executor.shutdown();
  }

  @Test
  void aTakeoversBacklogWaitsForItsChangesOnlyUntilReleased() throws Exception {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    var executor = new PerControllerExecutor(Map.of("ingress", 1, "service", 1), order);
    executor.hold();
    order.started();
    Ingress changed = ingress("changed");
    assertThat(order.<Ingress>onUpdate("ingress", (a, b) -> true).accept(changed, changed))
        .isTrue();
    var stuck = new CountDownLatch(1);
    submit(tapped, executor, "ingress", changed, () -> await(stuck));
    var backlogRan = new CountDownLatch(1);
    submit(tapped, executor, "service", ingress("svc-backlog"), backlogRan::countDown);

    executor.release();
    assertThat(backlogRan.await(300, TimeUnit.MILLISECONDS))
        .as("the backlog waits for the change")
        .isFalse();
    assertThat(executor.backlogWaiting()).isTrue();
    executor.releaseBacklog(); // the takeover's time limit
    assertThat(backlogRan.await(5, TimeUnit.SECONDS)).as("then it runs").isTrue();
    stuck.countDown();
    // after the takeover, a backlog reconcile no longer waits for anything
    var later = new CountDownLatch(1);
    submit(tapped, executor, "service", ingress("svc-resync"), later::countDown);
    assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
    executor.shutdown();
  }

  @Test
  void onTakeoverOnlyTheChangesOfTheLastMomentsAreUserChanges() throws Exception {
    var order = new ReconcileOrder();
    Metrics tapped = order.tap(Metrics.NOOP);
    order.started(); // standing by
    var update = order.<Ingress>onUpdate("ingress", (a, b) -> true);
    update.accept(ingress("long-ago"), ingress("long-ago"));
    Thread.sleep(2_500);
    update.accept(ingress("just-now"), ingress("just-now"));

    order.tookOver(java.time.Duration.ofSeconds(2));

    tapped.reconcileCustomResource(
        ingress("long-ago"), null, Map.of(Constants.CONTROLLER_NAME, "ingress"));
    assertThat(order.take())
        .as("served by the previous leader: backlog")
        .hasValueSatisfying(s -> assertThat(s.userChange()).isFalse());
    tapped.reconcileCustomResource(
        ingress("just-now"), null, Map.of(Constants.CONTROLLER_NAME, "ingress"));
    assertThat(order.take()).hasValueSatisfying(s -> assertThat(s.userChange()).isTrue());
  }

  /** Submits as JOSDK does, for the named controller. */
  private static void submit(
      Metrics tapped,
      PerControllerExecutor executor,
      String controller,
      Ingress resource,
      Runnable body) {
    tapped.reconcileCustomResource(resource, null, Map.of(Constants.CONTROLLER_NAME, controller));
    executor.execute(body);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
