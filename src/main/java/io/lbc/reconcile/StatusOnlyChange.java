package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lets through updates that change what the controller reads — spec, labels, annotations,
 * finalizers, deletion — and drops those that only change status (often the controller's own status
 * writes), the controller's own bookkeeping annotations, or bookkeeping such as managedFields. Of
 * those it lets through, a change of the finalizers alone is not a user's: it is the controller
 * adding its own (each start-up reconcile of an object new to it does), so it does not jump the
 * queue ({@link ReconcileOrder}).
 */
public final class StatusOnlyChange {
  private StatusOnlyChange() {}

  public static <T extends HasMetadata> OnUpdateFilter<T> ignored(
      java.util.function.Function<T, Object> spec) {
    return (updated, previous) -> changed(updated, previous, spec);
  }

  /** The updates {@link #ignored} lets through that a user made. */
  public static <T extends HasMetadata> OnUpdateFilter<T> userMade(
      java.util.function.Function<T, Object> spec) {
    return (updated, previous) -> changedByUser(updated, previous, spec);
  }

  static <T extends HasMetadata> boolean changed(
      T updated, T previous, java.util.function.Function<T, Object> spec) {
    return changedByUser(updated, previous, spec)
        || !Objects.equals(
            updated.getMetadata().getFinalizers(), previous.getMetadata().getFinalizers());
  }

  private static <T extends HasMetadata> boolean changedByUser(
      T updated, T previous, java.util.function.Function<T, Object> spec) {
    ObjectMeta now = updated.getMetadata();
    ObjectMeta before = previous.getMetadata();
    return !Objects.equals(spec.apply(updated), spec.apply(previous))
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(inputs(now.getAnnotations()), inputs(before.getAnnotations()))
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }

  /** The annotations without the controller's own bookkeeping (which it writes after a deploy). */
  private static Map<String, String> inputs(Map<String, String> annotations) {
    if (annotations == null) {
      return Map.of();
    }
    var inputs = new HashMap<>(annotations);
    inputs.keySet().removeAll(LastGoodVersions.BOOKKEEPING);
    return inputs;
  }
}
