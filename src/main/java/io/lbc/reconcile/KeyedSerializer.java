package io.lbc.reconcile;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs work for one key at a time and coalesces requests: when several requests for a key wait
 * while one runs, the next run covers all of them, because it starts after they were made and reads
 * the latest state. Used for IngressGroups: many member events lead to one deploy of the group, and
 * two deploys of one group never interleave.
 */
public final class KeyedSerializer<K> {
  private static final class KeyState {
    final ReentrantLock lock = new ReentrantLock();
    long requested;
    long covered;
  }

  private final ConcurrentHashMap<K, KeyState> states = new ConcurrentHashMap<>();

  /** Requests made for the key that no run has covered yet (for tests and metrics). */
  long pending(K key) {
    KeyState state = states.get(key);
    if (state == null) {
      return 0;
    }
    synchronized (state) {
      return state.requested - state.covered;
    }
  }

  /**
   * Runs {@code work} unless a run that started after this request already completed.
   *
   * @return the work's result, or null when an earlier-finishing run covered this request
   */
  public <T> T run(K key, Supplier<T> work) {
    KeyState state = states.computeIfAbsent(key, k -> new KeyState());
    long mine;
    synchronized (state) {
      mine = ++state.requested;
    }
    state.lock.lock();
    try {
      long covers;
      synchronized (state) {
        if (state.covered >= mine) {
          return null;
        }
        covers = state.requested;
      }
      T result = work.get();
      synchronized (state) {
        state.covered = Math.max(state.covered, covers);
      }
      return result;
    } finally {
      state.lock.unlock();
    }
  }
}
