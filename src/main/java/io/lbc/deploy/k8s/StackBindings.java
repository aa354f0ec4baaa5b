package io.lbc.deploy.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.deploy.RetryLaterException;
import io.lbc.k8s.TargetGroupBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the deployer finds the TargetGroupBindings a stack made: the ones carrying every one of its
 * stack labels. The controller reads them from the TargetGroupBinding controller's informer ({@link
 * #cached}), which watches the {@code --watch-namespace} scope, so a deploy makes no request to
 * list them, as the reference reads them from its manager's cache. A one-off run with no informer
 * (the {@code gc} command, deployer tests) lists them by label ({@link #listed}).
 */
@FunctionalInterface
public interface StackBindings {
  /** How long a deploy waits for the informer's first list before it is retried later. */
  Duration SYNC_WAIT = Duration.ofSeconds(10);

  Duration SYNC_RETRY = Duration.ofSeconds(5);

  /** The bindings carrying every one of the labels. */
  List<TargetGroupBinding> labelled(Map<String, String> labels);

  /** One LIST by label selector per call, over every namespace. */
  static StackBindings listed(KubernetesClient kube) {
    return labels ->
        kube.resources(TargetGroupBinding.class)
            .inAnyNamespace()
            .withLabels(labels)
            .list()
            .getItems();
  }

  /**
   * The bindings of an informer's store, filtered by label. Until the informer has listed once a
   * caller waits (at most {@link #SYNC_WAIT}): an empty store would make it create bindings that
   * exist and leave behind ones it should delete.
   *
   * @param store the objects of the informer's store (not to be modified)
   * @param synced whether the informer has completed its first list
   * @throws RetryLaterException when the informer has not listed within {@link #SYNC_WAIT}
   */
  static StackBindings cached(Supplier<Stream<TargetGroupBinding>> store, BooleanSupplier synced) {
    return cached(store, synced, SYNC_WAIT);
  }

  /** As {@link #cached(Supplier, BooleanSupplier)}, waiting at most {@code wait} for the list. */
  static StackBindings cached(
      Supplier<Stream<TargetGroupBinding>> store, BooleanSupplier synced, Duration wait) {
    return labels -> {
      awaitSynced(synced, wait);
      return store.get().filter(b -> carries(b, labels)).toList();
    };
  }

  private static void awaitSynced(BooleanSupplier synced, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!synced.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new RetryLaterException(
            "the cache of TargetGroupBindings has not completed its first list", SYNC_RETRY);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetryLaterException(
            "interrupted while waiting for the binding cache", SYNC_RETRY);
      }
    }
  }

  private static boolean carries(TargetGroupBinding binding, Map<String, String> labels) {
    Map<String, String> own = binding.getMetadata().getLabels();
    return own != null && own.entrySet().containsAll(labels.entrySet());
  }
}
