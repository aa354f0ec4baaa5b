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
 * front, and a running one goes on at the change's priority. The AWS calls of a reconcile share the
 * process's rate limit with the same order: each task runs with its {@link CallPriority} ({@code
 * HIGH} for a user change). A task is routed by the submission {@link ReconcileOrder} saw; one it
 * did not see (JOSDK changed) falls back to the controller name JOSDK 5 puts at the start of the
 * task's {@code toString()}, then to a small shared pool.
 *
 * <p>A standby's executor is {@link #hold held}: when it takes over, JOSDK hands it every object at
 * once (the events its warm informers saw while it stood by), and the first of them would go
 * straight to the idle workers whatever their order. So what arrives while held is kept until
 * {@link #release}, which hands on the user changes among it (a change made while no replica led)
 * and keeps the start-up backlog back until they are done or {@link #releaseBacklog} is called: the
 * backlog of every controller waits, so it does not share the CPU and the AWS budget with the
 * changes a user is waiting for.
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

  /** The priorities of the backlog reconciles running now, by key, so a user change can raise. */
  private final Map<String, CallPriority.Scope> running = new ConcurrentHashMap<>();

  /** Tasks kept from the workers: all while held, then the backlog of a takeover. */
  private final List<Queued> parked = new ArrayList<>();

  private boolean holding;

  /** User changes a takeover released and not done yet; the backlog waits while above zero. */
  private int takeoverChanges;

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
    private final ExecutorService pool;
    private final Runnable task;
    private final boolean userChange;
    private final long arrival;
    private final String key;

    /** Released by a takeover ahead of the backlog. */
    private boolean takeover;

    /** A user changed the object while this was queued: it runs at the change's priority. */
    private volatile boolean changed;

    Queued(ExecutorService pool, Runnable task, boolean userChange, long arrival, String key) {
      this.pool = pool;
      this.task = task;
      this.userChange = userChange;
      this.arrival = arrival;
      this.key = key;
    }

    @Override
    public void run() {
      var scope = new CallPriority.Scope(userChange ? CallPriority.HIGH : CallPriority.LOW);
      if (key != null) {
        running.put(key, scope);
        waiting.remove(key, this);
        if (changed) {
          scope.raise(); // promote found this neither queued nor running: taken just now
        }
      }
      try {
        scope.run(task);
      } finally {
        if (key != null) {
          running.remove(key, scope);
        }
        if (takeover) {
          takeoverChangeDone();
        }
      }
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
    var queued = new Queued(pool, task, userChange, arrivals.incrementAndGet(), key);
    if (key != null) {
      waiting.put(key, queued);
    }
    synchronized (this) {
      if (holding || (!userChange && takeoverChanges > 0)) {
        parked.add(queued);
        return;
      }
    }
    pool.execute(queued);
  }

  /** Keeps what arrives from the workers until {@link #release} (a standby's executor). */
  public synchronized void hold() {
    holding = true;
  }

  /**
   * Hands the user changes that arrived while held to the workers; the rest (the start-up backlog)
   * follows once they are done, or at {@link #releaseBacklog}.
   *
   * @return how many tasks were held, and how many of them are user changes
   */
  public Released release() {
    List<Queued> changes;
    int held;
    synchronized (this) {
      holding = false;
      held = parked.size();
      changes = parked.stream().filter(q -> q.userChange).sorted().toList();
      parked.removeAll(changes);
      changes.forEach(q -> q.takeover = true);
      takeoverChanges = changes.size();
    }
    changes.forEach(q -> q.pool.execute(q));
    if (changes.isEmpty()) {
      releaseBacklog();
    }
    return new Released(held, changes.size());
  }

  /** What {@link #release} handed on. */
  public record Released(int tasks, int userChanges) {}

  /** Hands the backlog a takeover kept back to the workers, in arrival order. */
  public void releaseBacklog() {
    List<Queued> backlog;
    synchronized (this) {
      if (holding) {
        return;
      }
      takeoverChanges = 0;
      backlog = parked.stream().sorted().toList();
      parked.clear();
    }
    backlog.forEach(q -> q.pool.execute(q));
  }

  /** Whether a takeover's backlog still waits for its user changes. */
  public synchronized boolean backlogWaiting() {
    return takeoverChanges > 0;
  }

  private void takeoverChangeDone() {
    boolean last;
    synchronized (this) {
      last = takeoverChanges > 0 && --takeoverChanges == 0;
    }
    if (last) {
      releaseBacklog();
    }
  }

  /**
   * Moves the queued backlog reconcile of a changed object ahead of the backlog, or raises the
   * priority of the running one: JOSDK submits an object at most once at a time, so its change
   * waits for that reconcile.
   */
  private void promote(String controller, ResourceID resource) {
    String key = ReconcileOrder.key(controller, resource);
    Queued queued = waiting.get(key);
    if (queued == null) {
      raiseRunning(key);
      return;
    }
    queued.changed = true;
    var promoted = new Queued(queued.pool, queued.task, true, queued.arrival, null);
    synchronized (this) {
      if (parked.remove(queued)) {
        waiting.remove(key, queued);
        if (holding) {
          parked.add(promoted);
          return;
        }
      } else if (!(queued.pool instanceof ThreadPoolExecutor pool)
          || !pool.getQueue().remove(queued)) {
        raiseRunning(key); // taken by a worker just now
        return;
      } else {
        waiting.remove(key, queued);
      }
    }
    queued.pool.execute(promoted);
  }

  private void raiseRunning(String key) {
    CallPriority.Scope scope = running.get(key);
    if (scope != null) {
      scope.raise();
    }
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
