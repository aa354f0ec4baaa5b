package io.lbc.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JOSDK's reconcile executor, split per controller: each named controller runs at most its own
 * number of reconciles at once ({@code --ingress-max-concurrent-reconciles} …) on its own threads,
 * so a burst of one kind never holds back the others. JOSDK 5 has one executor for all controllers;
 * it names the controller at the start of each task's {@code toString()} ({@code "ingress -> …"}),
 * which is how a task is routed. Anything else runs on a small shared pool.
 */
public final class PerControllerExecutor extends AbstractExecutorService {
  private static final String SEPARATOR = " -> ";

  private final Map<String, ExecutorService> byController;
  private final ExecutorService others;

  /**
   * @param workers threads per controller name
   */
  public PerControllerExecutor(Map<String, Integer> workers) {
    var pools = new java.util.LinkedHashMap<String, ExecutorService>();
    workers.forEach(
        (name, threads) -> pools.put(name, Executors.newFixedThreadPool(threads, named(name))));
    this.byController = Map.copyOf(pools);
    this.others = Executors.newFixedThreadPool(2, named("reconcile"));
  }

  /** The controller a JOSDK task belongs to, or empty when it does not say. */
  static String controllerOf(Runnable task) {
    String text = String.valueOf(task);
    int at = text.indexOf(SEPARATOR);
    return at < 0 ? "" : text.substring(0, at);
  }

  @Override
  public void execute(Runnable task) {
    byController.getOrDefault(controllerOf(task), others).execute(task);
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
