package io.lbc.aws;

import java.util.function.Supplier;

/**
 * Who an AWS call is for, as the client-side rate limit ({@link ApiThrottler}) sees it: a reconcile
 * of an object a user just created, changed or deleted is {@link #HIGH}; resyncs, the start-up
 * backlog, retries and the hourly orphan sweep are {@link #LOW}. When the budget is short, a
 * waiting high-priority call gets the next token before any low-priority one, so a user's change is
 * not queued behind a thousand resyncs.
 *
 * <p>The priority belongs to the work a thread does: the reconcile executor runs each reconcile in
 * a {@link Scope}. A call made outside any scope (the admission webhooks, start-up discovery) is
 * {@link #HIGH}: somebody is waiting for it.
 */
public enum CallPriority {
  HIGH,
  LOW;

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  /** The priority of the work this thread does now. */
  public static CallPriority current() {
    Scope scope = CURRENT.get();
    return scope == null ? HIGH : scope.priority;
  }

  /** Runs {@code work} with this priority, then restores the thread's previous one. */
  public void runAs(Runnable work) {
    new Scope(this).run(work);
  }

  /** Calls {@code work} with this priority, then restores the thread's previous one. */
  public <T> T callAs(Supplier<T> work) {
    return new Scope(this).call(work);
  }

  /**
   * The priority of one piece of work, which another thread may {@link #raise} while it runs: a
   * start-up reconcile that a user's change now waits for finishes at the change's priority, calls
   * already waiting for a token included.
   */
  public static final class Scope {
    private volatile CallPriority priority;

    public Scope(CallPriority priority) {
      this.priority = priority;
    }

    /**
     * The scope of the work this thread does now, so work that goes on in it can be raised with it;
     * outside any scope, a new {@link #HIGH} one.
     */
    public static Scope current() {
      Scope scope = CURRENT.get();
      return scope == null ? new Scope(HIGH) : scope;
    }

    /** From now on the work's calls are {@link #HIGH}. */
    public void raise() {
      priority = HIGH;
    }

    public CallPriority priority() {
      return priority;
    }

    public void run(Runnable work) {
      call(
          () -> {
            work.run();
            return null;
          });
    }

    /** Calls {@code work} in this scope, then restores the thread's previous one. */
    public <T> T call(Supplier<T> work) {
      Scope previous = CURRENT.get();
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
}
