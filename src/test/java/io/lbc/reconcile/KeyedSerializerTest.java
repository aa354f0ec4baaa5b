package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedSerializerTest {
  @Test
  void requestsWaitingBehindARunAreCoveredByOneMoreRun() throws Exception {
    var serializer = new KeyedSerializer<String>();
    var runs = new AtomicInteger();
    var firstStarted = new CountDownLatch(1);
    var releaseFirst = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<Integer> first =
          pool.submit(
              () ->
                  serializer.run(
                      "group",
                      () -> {
                        firstStarted.countDown();
                        awaitLatch(releaseFirst);
                        return runs.incrementAndGet();
                      }));
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      var waiting = new java.util.ArrayList<Future<Integer>>();
      for (int i = 0; i < 3; i++) {
        waiting.add(pool.submit(() -> serializer.run("group", runs::incrementAndGet)));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> serializer.pending("group") == 4);
      releaseFirst.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
      long ran = 0;
      for (Future<Integer> f : waiting) {
        if (f.get(5, TimeUnit.SECONDS) != null) {
          ran++;
        }
      }
      assertThat(ran).as("runs after the first").isEqualTo(1);
      assertThat(runs.get()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void differentKeysRunIndependently() {
    var serializer = new KeyedSerializer<String>();
    assertThat(serializer.run("a", () -> "a")).isEqualTo("a");
    assertThat(serializer.run("b", () -> "b")).isEqualTo("b");
    assertThat(serializer.run("a", () -> "again")).isEqualTo("again");
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
