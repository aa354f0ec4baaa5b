package io.lbc.targets;

import io.lbc.k8s.TargetGroupBinding;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * For {@code multiClusterTargetGroup: true}: the targets this binding registered, so that it never
 * deregisters another cluster's. Kept where the reference keeps them, the ConfigMap {@code
 * aws-lbc-targets-<binding>} (key {@code targets}, comma-separated {@code id:port}), so a cluster
 * moving from the reference controller keeps its ownership record. Unlike the reference, the set is
 * written ahead of registering (the union with what is about to be registered), so a crash between
 * RegisterTargets and the write can never leave a target nobody will deregister.
 */
final class TrackedTargets {
  static final String PREFIX = "aws-lbc-targets-";
  static final String KEY = "targets";

  private final KubeWrites writes;
  private final Map<BindingKey, Set<TargetKey>> cache = new ConcurrentHashMap<>();

  TrackedTargets(KubeWrites writes) {
    this.writes = writes;
  }

  static boolean shared(TargetGroupBinding binding) {
    return Boolean.TRUE.equals(binding.getSpec().multiClusterTargetGroup);
  }

  /** Which registered targets the binding may deregister. */
  Predicate<TargetKey> deregistrable(TargetGroupBinding binding) {
    if (!shared(binding)) {
      return key -> true;
    }
    // No record yet (a new binding, or multi-cluster just turned on): deregister nothing.
    Set<TargetKey> tracked = load(binding).orElse(Set.of());
    return tracked::contains;
  }

  void beforeChanges(TargetGroupBinding binding, TargetPlan plan) {
    if (!shared(binding) || plan.register().isEmpty()) {
      return;
    }
    var union = new TreeSet<>(load(binding).orElse(Set.of()));
    plan.register().forEach(t -> union.add(t.key()));
    save(binding, union);
  }

  void afterChanges(TargetGroupBinding binding, Set<TargetKey> desired) {
    if (shared(binding)) {
      save(binding, new TreeSet<>(desired));
    }
  }

  void delete(TargetGroupBinding binding) {
    cache.remove(BindingKey.of(binding));
    if (shared(binding)) {
      writes.deleteConfigMap(binding.getMetadata().getNamespace(), name(binding));
    }
  }

  private Optional<Set<TargetKey>> load(TargetGroupBinding binding) {
    BindingKey key = BindingKey.of(binding);
    Set<TargetKey> cached = cache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Set<TargetKey>> stored =
        writes
            .readConfigMapValue(binding.getMetadata().getNamespace(), name(binding), KEY)
            .map(
                csv ->
                    Arrays.stream(csv.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(TargetKey::parse)
                        .collect(Collectors.toCollection(TreeSet::new)));
    stored.ifPresent(s -> cache.put(key, s));
    return stored;
  }

  private void save(TargetGroupBinding binding, Set<TargetKey> targets) {
    BindingKey key = BindingKey.of(binding);
    if (targets.equals(cache.get(key))) {
      return;
    }
    String csv = targets.stream().map(TargetKey::toString).collect(Collectors.joining(","));
    writes.writeConfigMapValue(binding.getMetadata().getNamespace(), name(binding), KEY, csv);
    cache.put(key, Set.copyOf(targets));
  }

  private static String name(TargetGroupBinding binding) {
    return PREFIX + binding.getMetadata().getName();
  }
}
