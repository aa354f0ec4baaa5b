package io.lbc.aws;

import java.util.function.Supplier;

/**
 * Who an AWS call is for, as the client-side rate limit ({@link ApiThrottler}) sees it: a reconcile
 * of an object a user just created, changed or deleted is {@link #HIGH}; resyncs, the start-up
 * backlog, retries and the hourly orphan sweep are {@link #LOW}. When the budget is short, a
 * waiting high-priority call gets the next token before any low-priority one, so a user's change is
 * not queued behind a thousand resyncs.
 *
 * <p>The priority belongs to the thread doing the work: the reconcile executor sets it around each
 * reconcile ({@link #runAs}). A call made outside any such scope (the admission webhooks, start-up
 * discovery) is {@link #HIGH}: somebody is waiting for it.
 */
public enum CallPriority {
  HIGH,
  LOW;

  private static final ThreadLocal<CallPriority> CURRENT = new ThreadLocal<>();

  /** The priority of the work this thread does now. */
  public static CallPriority current() {
    CallPriority priority = CURRENT.get();
    return priority == null ? HIGH : priority;
  }

  /** Runs {@code work} with this priority, then restores the thread's previous one. */
  public void runAs(Runnable work) {
    callAs(
        () -> {
          work.run();
          return null;
        });
  }

  /** Calls {@code work} with this priority, then restores the thread's previous one. */
  public <T> T callAs(Supplier<T> work) {
    CallPriority previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
