package io.lbc.reconcile;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standby becoming leader: JOSDK starts each controller's event processing right after the
 * leadership callback, handing the reconcile executor every object its warm informers saw while it
 * stood by. The executor holds them ({@link PerControllerExecutor#hold}) until every controller has
 * handed its share, then serves the user changes among them (made while no replica led) first, and
 * the start-up backlog once they are done (or after {@code backlogAtMost}, so a failing change does
 * not keep it back for long).
 */
public final class Takeover {
  private static final Logger log = LoggerFactory.getLogger(Takeover.class);
  private static final long POLL_MILLIS = 10;

  private Takeover() {}

  /**
   * On a thread of its own: releases {@code executor} once every controller of {@code operator}
   * processes events (JOSDK's start of a controller's event processing returns once it has
   * submitted what its caches hold), or after {@code handedAtMost}; then its backlog once the
   * released user changes are done, or after {@code backlogAtMost}.
   */
  public static void releaseWhenStarted(
      Operator operator,
      PerControllerExecutor executor,
      Duration handedAtMost,
      Duration backlogAtMost) {
    var thread =
        new Thread(
            () -> {
              long started = System.nanoTime();
              waitFor(() -> processing(operator), handedAtMost);
              var released = executor.release();
              log.info(
                  "took over: {} reconciles handed over in {} ms; the {} user changes among them"
                      + " first",
                  released.tasks(),
                  millisSince(started),
                  released.userChanges());
              waitFor(() -> !executor.backlogWaiting(), backlogAtMost);
              executor.releaseBacklog();
              if (released.userChanges() > 0) {
                log.info("takeover's user changes served in {} ms", millisSince(started));
              }
            },
            "takeover");
    thread.setDaemon(true);
    thread.start();
  }

  private static void waitFor(BooleanSupplier condition, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long millisSince(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  private static boolean processing(Operator operator) {
    return operator.getRegisteredControllers().stream()
        .allMatch(
            c ->
                !(c instanceof Controller<?> controller)
                    || controller.getEventProcessor().isRunning());
  }
}
