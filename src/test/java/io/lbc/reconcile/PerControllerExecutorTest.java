package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
