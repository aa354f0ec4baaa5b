package io.lbc.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lbc.aws.CallPriority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JOSDK's reconcile executor, split per controller: each named controller runs at most its own
 * number of reconciles at once ({@code --ingress-max-concurrent-reconciles} …) on its own threads,
 * so a burst of one kind never holds back the others; and within a controller, reconciles a user
 * asked for (see {@link ReconcileOrder}) run before the start-up backlog, resyncs and retries, in
 * arrival order otherwise; a queued backlog reconcile of an object a user then changes moves to the
 * front. The AWS calls of a reconcile share the process's rate limit with the same order: each task
 * runs with its {@link CallPriority} ({@code HIGH} for a user change). A task is routed by the
 * submission {@link ReconcileOrder} saw; one it did not see (JOSDK changed) falls back to the
 * controller name JOSDK 5 puts at the start of the task's {@code toString()}, then to a small
 * shared pool.
 */
public final class PerControllerExecutor extends AbstractExecutorService {
  private static final String SEPARATOR = " -> ";

  private final Map<String, ExecutorService> byController;
  private final ExecutorService others;
  private final ReconcileOrder order;
  private final AtomicLong arrivals = new AtomicLong();

  /**
   * Backlog reconciles still queued, by {@link ReconcileOrder#key}, so a user change can promote.
   */
  private final Map<String, Queued> waiting = new ConcurrentHashMap<>();

  /**
   * @param workers threads per controller name
   */
  public PerControllerExecutor(Map<String, Integer> workers) {
    this(workers, new ReconcileOrder());
  }

  public PerControllerExecutor(Map<String, Integer> workers, ReconcileOrder order) {
    var pools = new java.util.LinkedHashMap<String, ExecutorService>();
    workers.forEach((name, threads) -> pools.put(name, prioritized(threads, named(name))));
    this.byController = Map.copyOf(pools);
    this.others = Executors.newFixedThreadPool(2, named("reconcile"));
    this.order = order;
    order.whenUserChanged(this::promote);
  }

  /** A task in a controller's queue: user changes first, then by arrival. */
  private final class Queued implements Runnable, Comparable<Queued> {
    private final Runnable task;
    private final boolean userChange;
    private final long arrival;
    private final String key;

    Queued(Runnable task, boolean userChange, long arrival, String key) {
      this.task = task;
      this.userChange = userChange;
      this.arrival = arrival;
      this.key = key;
    }

    @Override
    public void run() {
      if (key != null) {
        waiting.remove(key, this);
      }
      (userChange ? CallPriority.HIGH : CallPriority.LOW).runAs(task);
    }

    @Override
    public int compareTo(Queued other) {
      if (userChange != other.userChange) {
        return userChange ? -1 : 1;
      }
      return Long.compare(arrival, other.arrival);
    }
  }

  private static ExecutorService prioritized(int threads, ThreadFactory factory) {
    return new ThreadPoolExecutor(
        threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), factory);
  }

  /** The controller a JOSDK task belongs to by its {@code toString()}, or empty. */
  static String controllerOf(Runnable task) {
    String text = String.valueOf(task);
    int at = text.indexOf(SEPARATOR);
    return at < 0 ? "" : text.substring(0, at);
  }

  @Override
  public void execute(Runnable task) {
    var submission = order.take();
    String controller =
        submission.map(ReconcileOrder.Submission::controller).orElseGet(() -> controllerOf(task));
    ExecutorService pool = byController.get(controller);
    if (pool == null) {
      others.execute(task);
      return;
    }
    boolean userChange = submission.map(ReconcileOrder.Submission::userChange).orElse(false);
    String key =
        userChange
            ? null
            : submission.map(s -> ReconcileOrder.key(s.controller(), s.resource())).orElse(null);
    var queued = new Queued(task, userChange, arrivals.incrementAndGet(), key);
    if (key != null) {
      waiting.put(key, queued);
    }
    pool.execute(queued);
  }

  /**
   * Moves the queued backlog reconcile of a changed object ahead of the backlog: JOSDK submits an
   * object at most once at a time, so its change would otherwise wait for that queued reconcile.
   */
  private void promote(String controller, ResourceID resource) {
    String key = ReconcileOrder.key(controller, resource);
    Queued queued = waiting.get(key);
    if (queued == null
        || !(byController.get(controller) instanceof ThreadPoolExecutor pool)
        || !pool.getQueue().remove(queued)) {
      return; // not queued any more: running, done, or never seen
    }
    waiting.remove(key, queued);
    pool.execute(new Queued(queued.task, true, queued.arrival, null));
  }

  private List<ExecutorService> all() {
    var all = new ArrayList<>(byController.values());
    all.add(others);
    return all;
  }

  @Override
  public void shutdown() {
    all().forEach(ExecutorService::shutdown);
  }

  @Override
  public List<Runnable> shutdownNow() {
    var pending = new ArrayList<Runnable>();
    all().forEach(pool -> pending.addAll(pool.shutdownNow()));
    return pending;
  }

  @Override
  public boolean isShutdown() {
    return all().stream().allMatch(ExecutorService::isShutdown);
  }

  @Override
  public boolean isTerminated() {
    return all().stream().allMatch(ExecutorService::isTerminated);
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (ExecutorService pool : all()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }

  private static ThreadFactory named(String controller) {
    var counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, controller + "-reconciler-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
