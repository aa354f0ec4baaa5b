package io.lbc.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The namespace scope of a controller's informers: its one watched namespace ({@code
 * --watch-namespace}), or all. The namespaced kinds a controller reads besides its primaries are
 * cached over this scope only, as the reference's manager cache is; cluster-scoped kinds stay
 * cluster-wide.
 */
public final class WatchScope {
  private WatchScope() {}

  /** The controller's one watched namespace, or empty when it watches all. */
  public static Optional<String> of(EventSourceContext<?> context) {
    Set<String> namespaces =
        context.getControllerConfiguration().getInformerConfig().getNamespaces();
    if (InformerConfiguration.allNamespacesWatched(namespaces)) {
      return Optional.empty();
    }
    if (namespaces.size() != 1) {
      throw new IllegalArgumentException("one watched namespace or all, not " + namespaces);
    }
    return Optional.of(namespaces.iterator().next());
  }

  /** The objects of a namespaced kind over the scope: the one watched namespace, or all. */
  public static <T extends HasMetadata> List<T> list(
      KubernetesClient kube, Class<T> kind, Optional<String> watchNamespace) {
    var resources = kube.resources(kind);
    return (watchNamespace.isPresent()
            ? resources.inNamespace(watchNamespace.get())
            : resources.inAnyNamespace())
        .list()
        .getItems();
  }

  /** A secondary informer of a namespaced kind, watched over the controller's scope. */
  public static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> scoped(
      InformerEventSourceConfiguration.Builder<R> configuration, EventSourceContext<?> context) {
    configuration.withFollowControllerNamespacesChanges(false);
    of(context)
        .ifPresentOrElse(configuration::withNamespaces, configuration::withWatchAllNamespaces);
    return configuration;
  }
}
