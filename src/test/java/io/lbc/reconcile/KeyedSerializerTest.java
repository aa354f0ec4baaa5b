package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.CallPriority;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedSerializerTest {
  @Test
  void requestsMadeDuringARunReturnAtOnceAndAreCoveredByOneMoreRunOfItsThread() throws Exception {
    var serializer = new KeyedSerializer<String>();
    var runs = new AtomicInteger();
    var firstStarted = new CountDownLatch(1);
    var releaseFirst = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first =
          pool.submit(
              () ->
                  serializer.run(
                      "group",
                      () -> {
                        if (runs.incrementAndGet() == 1) {
                          firstStarted.countDown();
                          awaitLatch(releaseFirst);
                        }
                        return runs.get();
                      }));
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 3; i++) {
        // no thread is held for them: each returns while the first run still waits
        assertThat(serializer.run("group", () -> -1)).as("request made during the run").isNull();
      }
      assertThat(serializer.pending("group")).isEqualTo(3);
      releaseFirst.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).as("the run once more").isEqualTo(2);
      assertThat(runs.get()).isEqualTo(2);
      assertThat(serializer.pending("group")).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aUserChangeRaisesTheRunUnderWayAndTheRunOnceMoreToItsPriority() throws Exception {
    var serializer = new KeyedSerializer<String>();
    var priorities = new java.util.concurrent.CopyOnWriteArrayList<CallPriority>();
    var firstStarted = new CountDownLatch(1);
    var releaseFirst = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      Future<Integer> backlog =
          pool.submit(
              () ->
                  CallPriority.LOW.callAs(
                      () ->
                          serializer.run(
                              "group",
                              () -> {
                                priorities.add(CallPriority.current());
                                if (priorities.size() == 1) {
                                  firstStarted.countDown();
                                  awaitLatch(releaseFirst);
                                  priorities.add(CallPriority.current());
                                }
                                return priorities.size();
                              })));
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(CallPriority.LOW.callAs(() -> serializer.run("group", () -> 0))).isNull();
      assertThat(CallPriority.HIGH.callAs(() -> serializer.run("group", () -> 0))).isNull();
      releaseFirst.countDown();

      assertThat(backlog.get(5, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(priorities)
          .as("the run under way before and after the change, then the run once more")
          .containsExactly(CallPriority.LOW, CallPriority.HIGH, CallPriority.HIGH);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedRunLetsTheNextRequestRun() {
    var serializer = new KeyedSerializer<String>();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                serializer.run(
                    "group",
                    () -> {
                      throw new IllegalStateException("AWS said no");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(serializer.run("group", () -> "retried")).isEqualTo("retried");
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
