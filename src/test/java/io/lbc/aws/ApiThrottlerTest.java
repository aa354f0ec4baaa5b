package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApiThrottlerTest {
  private static final String ELB = "Elastic Load Balancing v2";
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesAtOnceThenCallsWaitForTheRate() {
    var throttler =
        new ApiThrottler(
            ApiThrottleConfig.fromFlag(ELB + ":^Modify.*=20:5"), new SimpleMeterRegistry());
    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      throttler.acquire(ELB, "ModifyListener");
    }
    long burstMillis = (System.nanoTime() - started) / 1_000_000;
    for (int i = 0; i < 10; i++) {
      throttler.acquire(ELB, "ModifyRule");
    }
    long totalMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(burstMillis).isLessThan(100);
    // 10 more calls at 20/s, the bucket empty: about 500 ms
    assertThat(totalMillis).isBetween(450L, 1500L);
  }

  @Test
  void operationsNoRuleMatchesAreNotLimited() {
    var throttler =
        new ApiThrottler(
            ApiThrottleConfig.fromFlag(ELB + ":^Modify.*=1:1"), new SimpleMeterRegistry());
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      throttler.acquire(ELB, "CreateRule");
      throttler.acquire("EC2", "ModifyInstanceAttribute");
    }
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);
  }

  @Test
  void fractionalRatesRefillSlowly() {
    var bucket =
        ApiThrottler.bucket(
            ApiThrottleConfig.fromFlag("WAFV2:^AssociateWebACL=0.5:1")
                .rulesFor("WAFV2", "AssociateWebACL")
                .get(0));
    assertThat(bucket.tryConsume(1)).isTrue();
    assertThat(bucket.tryConsume(1)).isFalse();
    assertThat(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill())
        .isBetween(1_900_000_000L, 2_000_000_000L);
  }

  /**
   * Time that moves only when the test says: the buckets refill by it and waiting callers sleep on
   * it, so which caller gets which token does not depend on the machine's speed.
   */
  private static final class ManualTime implements TimeMeter, BlockingStrategy {
    private long now;
    private final List<Long> sleepingSince = new ArrayList<>();

    @Override
    public synchronized long currentTimeNanos() {
      return now;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    @Override
    public synchronized void park(long nanos) throws InterruptedException {
      long until = now + nanos;
      Long since = now;
      sleepingSince.add(since);
      notifyAll();
      try {
        while (now < until) {
          wait();
        }
      } finally {
        sleepingSince.remove(since);
      }
    }

    synchronized void advance(long nanos) {
      now += nanos;
      notifyAll();
    }

    /** Waits until exactly {@code count} callers went to sleep at the current time. */
    synchronized void awaitSleepingNow(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sleepingSince.stream().filter(t -> t == now).count() != count) {
        long left = deadline - System.nanoTime();
        assertThat(left)
            .as("%d callers asleep at %d ns: %s", count, now, sleepingSince)
            .isPositive();
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  private static Thread caller(
      ApiThrottler throttler, CallPriority priority, String name, List<String> served) {
    Thread thread =
        new Thread(
            () -> {
              throttler.acquire(ELB, "RegisterTargets", priority);
              served.add(name);
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** 1 call a second on the manual clock, its burst spent. */
  private static ApiThrottler spentAtOnePerSecond(ManualTime time) {
    var throttler =
        new ApiThrottler(
            ApiThrottleConfig.fromFlag(ELB + ":.*=1:1"), new SimpleMeterRegistry(), time, time);
    throttler.acquire(ELB, "RegisterTargets", CallPriority.LOW);
    return throttler;
  }

  /** With no user change waiting, each further token goes to one of the waiting resyncs. */
  private static void serveOneASecond(ManualTime time, List<String> served, List<Thread> resyncs)
      throws InterruptedException {
    int before = served.size();
    for (int left = resyncs.size(); left > 0; left--) {
      time.awaitSleepingNow(left);
      time.advance(SECOND);
      int expected = before + resyncs.size() - left + 1;
      await().atMost(Duration.ofSeconds(10)).until(() -> served.size() == expected);
    }
    for (Thread resync : resyncs) {
      resync.join(10_000);
    }
  }

  @Test
  void aWaitingUserChangeGetsTheNextTokenBeforeWaitingResyncsWhichThenProceed() throws Exception {
    var time = new ManualTime();
    var throttler = spentAtOnePerSecond(time);
    List<String> served = new CopyOnWriteArrayList<>();
    var resyncs = new ArrayList<Thread>();
    for (int i = 1; i <= 3; i++) {
      resyncs.add(caller(throttler, CallPriority.LOW, "resync-" + i, served));
    }
    time.awaitSleepingNow(3);
    Thread user = caller(throttler, CallPriority.HIGH, "user", served);
    time.awaitSleepingNow(4); // the user's call holds the next token, the resyncs look again

    time.advance(SECOND);
    user.join(10_000);
    assertThat(served).as("the user's call came last and went first").containsExactly("user");

    serveOneASecond(time, served, resyncs);
    assertThat(served).hasSize(4).startsWith("user");
    assertThat(served.subList(1, 4)).containsExactlyInAnyOrder("resync-1", "resync-2", "resync-3");
  }

  @Test
  void aResyncRaisedWhileItWaitsGetsTheNextTokenAheadOfTheOthers() throws Exception {
    var time = new ManualTime();
    var throttler = spentAtOnePerSecond(time);
    List<String> served = new CopyOnWriteArrayList<>();
    var resyncs = new ArrayList<Thread>();
    for (int i = 1; i <= 2; i++) {
      resyncs.add(caller(throttler, CallPriority.LOW, "resync-" + i, served));
    }
    var raised = new CallPriority.Scope(CallPriority.LOW);
    Thread startUp =
        new Thread(
            () ->
                raised.run(
                    () -> {
                      throttler.acquire(ELB, "RegisterTargets");
                      served.add("raised");
                    }));
    startUp.setDaemon(true);
    startUp.start();
    time.awaitSleepingNow(3);

    raised.raise(); // a user's change now waits for this start-up reconcile
    long poll = ApiThrottler.MAX_POLL_NANOS;
    time.advance(poll); // the sleepers look again: the raised one now holds the next token
    time.awaitSleepingNow(3);
    time.advance(SECOND - poll);
    startUp.join(10_000);
    assertThat(served).as("the raised call went first").containsExactly("raised");

    serveOneASecond(time, served, resyncs);
    assertThat(served).hasSize(3).startsWith("raised");
  }

  @Test
  void aResyncTakesAFreeTokenAtOnceWhenNoUserChangeWaits() {
    var time = new ManualTime();
    var throttler =
        new ApiThrottler(
            ApiThrottleConfig.fromFlag(ELB + ":.*=1:2"), new SimpleMeterRegistry(), time, time);
    throttler.acquire(ELB, "RegisterTargets", CallPriority.LOW);
    throttler.acquire(ELB, "RegisterTargets", CallPriority.LOW);
    assertThat(time.currentTimeNanos()).as("the burst served without sleeping").isZero();
  }

  @Test
  void workRunsWithItsPriorityAndOutsideAnyScopeCallsAreHigh() {
    assertThat(CallPriority.current()).isEqualTo(CallPriority.HIGH);
    CallPriority.LOW.runAs(
        () -> {
          assertThat(CallPriority.current()).isEqualTo(CallPriority.LOW);
          assertThat(CallPriority.HIGH.callAs(CallPriority::current)).isEqualTo(CallPriority.HIGH);
          assertThat(CallPriority.current()).as("restored").isEqualTo(CallPriority.LOW);
        });
    assertThat(CallPriority.current()).isEqualTo(CallPriority.HIGH);
  }
}
