package io.lbc.k8s.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.KubeSerialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster cache every controller shares: one informer per kind and namespace scope, whatever
 * number of controllers read it. Objects are read straight from the apiserver's JSON into our own
 * small records ({@link SlimPod}, {@link SlimNode}, {@link SlimEndpointSlice}, {@link
 * SlimService}): Jackson skips every field they do not declare, so a full Pod never exists in the
 * heap, not even during the first list, which comes in pages of {@value
 * InformerPaging#LIST_PAGE_SIZE} that are let go one by one.
 *
 * <p>The informers run on a client of their own whose deserializer maps each kind to its record
 * (watch events are typed by their {@code kind}), so the controllers' client keeps fabric8's types.
 *
 * <p>A list or watch that fails (missing RBAC, apiserver away, a CRD not yet installed) is logged
 * and retried with fabric8's backoff, forever: never a reason for the process to exit. Readers wait
 * for the first complete list ({@link #awaitSynced}), logging while they wait.
 *
 * <p>To add a kind: a record implementing {@link SlimResource} with
 * {@code @Group/@Version/@Kind/ @Plural}, registered in {@link #SLIM_KINDS} (with its indexes in
 * {@link #INDEXERS}); controllers then read it through {@link #informer} and get events through
 * {@link CacheEventSource}.
 */
public final class ClusterCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterCache.class);
  private static final Map<KubernetesClient, ClusterCache> BY_CLIENT = new ConcurrentHashMap<>();
  private static final Duration LOG_WAIT_EVERY = Duration.ofSeconds(30);

  /** The kinds read into our own records. */
  static final List<Class<? extends SlimResource>> SLIM_KINDS =
      List.of(
          SlimPod.class,
          SlimNode.class,
          SlimEndpointSlice.class,
          SlimEndpoints.class,
          SlimService.class);

  /** Index name → index function, per kind. */
  public static final String BY_SERVICE = "byService";

  private static final Map<Class<?>, Map<String, Function<?, List<String>>>> INDEXERS =
      Map.of(
          SlimEndpointSlice.class,
          Map.<String, Function<?, List<String>>>of(
              BY_SERVICE,
              (SlimEndpointSlice s) ->
                  s.serviceName() == null
                      ? List.of()
                      : List.of(serviceKey(s.meta().namespace(), s.serviceName()))));

  private final KubernetesClient client;
  private final KubernetesClient owner;
  private final Map<Scope, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();
  private final Map<Scope, SlimItemStore<?>> stores = new ConcurrentHashMap<>();
  private final Map<Scope, String> lastError = new ConcurrentHashMap<>();
  private final Map<Scope, CompletableFuture<Void>> synced = new ConcurrentHashMap<>();

  private record Scope(Class<?> type, Optional<String> namespace) {
    String describe() {
      return type.getSimpleName() + namespace.map(n -> " in namespace " + n).orElse("");
    }
  }

  private ClusterCache(KubernetesClient owner) {
    this.owner = owner;
    var serialization = KubeSerialization.create();
    SLIM_KINDS.forEach(serialization::registerKubernetesResource);
    this.client =
        new KubernetesClientBuilder()
            .withConfig(owner.getConfiguration())
            .withKubernetesSerialization(serialization)
            .build();
  }

  /** The cache of the controllers built on {@code client}: one per client, made on first use. */
  public static ClusterCache of(KubernetesClient client) {
    return BY_CLIENT.computeIfAbsent(client, ClusterCache::new);
  }

  /** "namespace/name", the key of the byService index. */
  public static String serviceKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * The informer of a kind, over one namespace or (empty) all; started on first use (its list runs
   * in the background) and shared from then on.
   */
  @SuppressWarnings("unchecked")
  public <T extends SlimResource> SharedIndexInformer<T> informer(
      Class<T> type, Optional<String> namespace) {
    return (SharedIndexInformer<T>)
        informers.computeIfAbsent(new Scope(type, namespace), scope -> start(type, scope));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T extends SlimResource> SharedIndexInformer<T> start(Class<T> type, Scope scope) {
    var resources = client.resources(type);
    var scoped =
        scope.namespace().isPresent()
            ? resources.inNamespace(scope.namespace().get())
            : resources.inAnyNamespace();
    SharedIndexInformer<T> informer =
        scoped.withLimit(InformerPaging.LIST_PAGE_SIZE).runnableInformer(0);
    // objects are kept by namespace and name (SlimItemStore): no key string nor namespace index
    var store = new SlimItemStore<T>();
    informer.itemStore(store).removeNamespaceIndex();
    stores.put(scope, store);
    Map indexers = INDEXERS.getOrDefault(type, Map.of());
    if (!indexers.isEmpty()) {
      informer.addIndexers(indexers);
    }
    informer.exceptionHandler(
        (started, t) -> {
          String error = t.getClass().getSimpleName() + ": " + t.getMessage();
          lastError.put(scope, error);
          log.warn(
              "listing or watching {} failed; retrying with backoff: {}", scope.describe(), error);
          return true;
        });
    log.info("starting the shared cache of {}", scope.describe());
    var start = informer.start().toCompletableFuture();
    synced.put(scope, start);
    start.whenComplete(
        (ok, t) -> {
          if (t == null) {
            lastError.remove(scope);
            log.info(
                "cache of {} synced: {} objects",
                scope.describe(),
                informer.getStore().list().size());
          }
        });
    return informer;
  }

  /** The cached objects of a kind in one namespace (the informer of {@code scope} must exist). */
  @SuppressWarnings("unchecked")
  public <T extends SlimResource> List<T> inNamespace(
      Class<T> type, Optional<String> scope, String namespace) {
    var store = (SlimItemStore<T>) stores.get(new Scope(type, scope));
    if (store == null) {
      throw new IllegalStateException("no informer of " + new Scope(type, scope).describe());
    }
    return store.inNamespace(namespace);
  }

  /**
   * Waits, as long as it takes, for the informer's first complete list, logging every 30 seconds
   * what it waits for and the last error.
   */
  public void awaitSynced(Class<?> type, Optional<String> namespace) {
    Scope scope = new Scope(type, namespace);
    SharedIndexInformer<?> informer = informers.get(scope);
    if (informer == null) {
      throw new IllegalStateException("no informer of " + scope.describe());
    }
    while (!informer.hasSynced()) {
      try {
        synced.get(scope).get(LOG_WAIT_EVERY.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        log.warn(
            "still waiting for the cache of {} (last error: {})",
            scope.describe(),
            lastError.getOrDefault(scope, "none; the list is slow"));
      } catch (ExecutionException e) {
        throw new IllegalStateException("the cache of " + scope.describe() + " stopped", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + scope.describe(), e);
      }
    }
  }

  /**
   * Per kind, lower case ({@code pod}, {@code node}, {@code endpointslice}, {@code service}): how
   * many objects are cached, over every namespace scope (scopes of one kind do not overlap: the
   * controllers watch one namespace or all).
   */
  public Map<String, IntSupplier> objectCounts() {
    var counts = new LinkedHashMap<String, IntSupplier>();
    for (Class<? extends SlimResource> kind : SLIM_KINDS) {
      counts.put(
          HasMetadata.getKind(kind).toLowerCase(Locale.ROOT),
          () ->
              informers.entrySet().stream()
                  .filter(e -> e.getKey().type() == kind)
                  .mapToInt(e -> e.getValue().getStore().list().size())
                  .sum());
    }
    return counts;
  }

  /** Stops every informer and the cache's client. */
  @Override
  public void close() {
    BY_CLIENT.remove(owner, this);
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
    stores.clear();
    client.close();
  }
}
