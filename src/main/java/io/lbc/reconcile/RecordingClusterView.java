package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.lbc.k8s.ClusterView;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.cache.SlimService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link ClusterView} that records what a build read, as {@code kind/namespace/name} → input (see
 * {@link StackInputs#of}), and can read the same keys again to tell whether any changed.
 */
final class RecordingClusterView implements ClusterView {
  private final ClusterView view;
  private final Map<String, String> reads = new ConcurrentHashMap<>();

  RecordingClusterView(ClusterView view) {
    this.view = view;
  }

  /** What was read so far. */
  Map<String, String> reads() {
    return Map.copyOf(reads);
  }

  /**
   * Reads {@code keys} again through {@code view}.
   *
   * @return the reads, or empty when a key is not one this view writes
   */
  static Optional<Map<String, String>> replay(ClusterView view, List<String> keys) {
    var again = new RecordingClusterView(view);
    for (String key : keys) {
      String[] parts = key.split("/", -1);
      switch (parts[0]) {
        case "service" -> again.service(parts[1], parts[2]);
        case "secret" -> again.secret(parts[1], parts[2]);
        case "ingressClass" -> again.ingressClass(parts[1]);
        case "ingressClassParams" -> again.ingressClassParams(parts[1]);
        case "namespace" -> again.namespace(parts[1]);
        case "ingresses" -> again.ingresses();
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(again.reads());
  }

  private <T extends HasMetadata> Optional<T> read(String key, Supplier<Optional<T>> read) {
    Optional<T> found = read.get();
    reads.put(key, StackInputs.of(found));
    return found;
  }

  @Override
  public List<Ingress> ingresses() {
    List<Ingress> all = view.ingresses();
    reads.put(
        "ingresses",
        StackInputs.sha256(
            all.stream().map(StackInputs::of).sorted().reduce("", (a, b) -> a + "\n" + b)));
    return all;
  }

  @Override
  public Optional<SlimService> service(String namespace, String name) {
    return read("service/" + namespace + "/" + name, () -> view.service(namespace, name));
  }

  @Override
  public Optional<IngressClass> ingressClass(String name) {
    return read("ingressClass/" + name, () -> view.ingressClass(name));
  }

  @Override
  public Optional<IngressClassParams> ingressClassParams(String name) {
    return read("ingressClassParams/" + name, () -> view.ingressClassParams(name));
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return read("namespace/" + name, () -> view.namespace(name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return read("secret/" + namespace + "/" + name, () -> view.secret(namespace, name));
  }
}
