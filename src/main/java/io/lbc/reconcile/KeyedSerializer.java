package io.lbc.reconcile;

import io.lbc.aws.CallPriority;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs work for one key at a time and coalesces requests without holding a thread for them: a
 * request made while a run for its key is under way returns at once, and the running thread runs
 * the work once more when it is done, which covers every request made meanwhile (it starts after
 * they were made and reads the latest state). Used for IngressGroups: many member events lead to
 * one more deploy of the group, two deploys of one group never interleave, and the reconcile
 * workers are not parked behind a busy group while other groups wait for a worker. The run once
 * more goes at the highest {@link CallPriority} of the requests it covers, so a user's change to a
 * member is not served at the priority of the start-up reconcile it follows; and the run under way
 * is {@link CallPriority.Scope#raise raised} to it, as the change waits for that run too.
 */
public final class KeyedSerializer<K> {
  private static final class KeyState {
    /** Requests made while a run was under way, not covered yet. */
    long waiting;

    /**
     * The priority of the runs, the caller's: raised by a user's change among the requests, which
     * the run under way and the run once more serve.
     */
    CallPriority.Scope scope;
  }

  /** The keys with a run under way. */
  private final Map<K, KeyState> running = new HashMap<>();

  /** Requests made for the key that no run has covered yet (for tests and metrics). */
  synchronized long pending(K key) {
    KeyState state = running.get(key);
    return state == null ? 0 : state.waiting;
  }

  /**
   * Runs {@code work} now, or, when a run for the key is under way, leaves it to that run's thread
   * to run it once more.
   *
   * @return the result of the last run this thread made, or null when the request was left to the
   *     thread of the run under way
   */
  public <T> T run(K key, Supplier<T> work) {
    KeyState state;
    synchronized (this) {
      KeyState under = running.get(key);
      if (under != null) {
        under.waiting++;
        if (CallPriority.current() == CallPriority.HIGH) {
          under.scope.raise();
        }
        return null;
      }
      state = new KeyState();
      state.scope = CallPriority.Scope.current();
      running.put(key, state);
    }
    boolean done = false;
    try {
      while (true) {
        T result = state.scope.call(work);
        synchronized (this) {
          if (state.waiting == 0) {
            running.remove(key);
            done = true;
            return result;
          }
          state.waiting = 0;
        }
      }
    } finally {
      if (!done) {
        // the work failed: the failing reconcile is retried and runs the key again, which covers
        // the requests that were left to it
        synchronized (this) {
          running.remove(key);
        }
      }
    }
  }
}
