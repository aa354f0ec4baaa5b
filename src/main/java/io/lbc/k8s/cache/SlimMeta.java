package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The metadata a cached object keeps: name, namespace, uid, version, deletion time, and the labels
 * and annotations its kind needs (each kind drops the rest as it is built). Managed fields, owner
 * references and finalizers are skipped by Jackson while it reads the apiserver's answer, so they
 * never exist in the heap. Namespaces, labels and annotations are interned: thousands of objects
 * share a handful of them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlimMeta(
    String name,
    String namespace,
    String uid,
    long version,
    String opaqueVersion,
    String deletionTimestamp,
    Map<String, String> labels,
    Map<String, String> annotations) {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** No numeric version: the resource version is {@link #opaqueVersion}, or there is none. */
  private static final long NOT_NUMERIC = -1;

  public SlimMeta {
    namespace = Strings.intern(namespace);
    labels = labels == null || labels.isEmpty() ? Map.of() : Strings.internAll(labels);
    if (annotations == null || annotations.isEmpty()) {
      annotations = Map.of();
    } else {
      var kept = new java.util.HashMap<>(annotations);
      kept.remove(LAST_APPLIED);
      annotations = Strings.internAll(kept);
    }
  }

  /**
   * The metadata as the apiserver writes it. The resource version is opaque to clients, but the
   * apiserver's are decimal numbers: those are kept as a number, 40 bytes less per cached object
   * than a string of their own (measured by {@code CacheMemoryBenchmark}), and any other is kept as
   * it came.
   */
  @JsonCreator
  public SlimMeta(
      @JsonProperty("name") String name,
      @JsonProperty("namespace") String namespace,
      @JsonProperty("uid") String uid,
      @JsonProperty("resourceVersion") String resourceVersion,
      @JsonProperty("deletionTimestamp") String deletionTimestamp,
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("annotations") Map<String, String> annotations) {
    this(
        name,
        namespace,
        uid,
        numeric(resourceVersion),
        numeric(resourceVersion) == NOT_NUMERIC ? resourceVersion : null,
        deletionTimestamp,
        labels,
        annotations);
  }

  /** The resource version, exactly as the apiserver wrote it, or null. */
  public String resourceVersion() {
    return version == NOT_NUMERIC ? opaqueVersion : Long.toString(version);
  }

  /** The number a version string is written as (no sign, no leading zero), or NOT_NUMERIC. */
  private static long numeric(String version) {
    if (version == null
        || version.isEmpty()
        || version.length() > 18
        || (version.length() > 1 && version.charAt(0) == '0')) {
      return NOT_NUMERIC;
    }
    for (int i = 0; i < version.length(); i++) {
      if (version.charAt(i) < '0' || version.charAt(i) > '9') {
        return NOT_NUMERIC;
      }
    }
    return Long.parseLong(version);
  }

  /** Only what every kind needs: no uid, labels or annotations. */
  SlimMeta bare() {
    return new SlimMeta(
        name, namespace, null, version, opaqueVersion, deletionTimestamp, null, null);
  }

  /** The same metadata with these annotations only. */
  SlimMeta withAnnotations(Map<String, String> annotations) {
    return new SlimMeta(
        name, namespace, uid, version, opaqueVersion, deletionTimestamp, labels, annotations);
  }

  /** Name, namespace, version, deletion time and the labels whose key passes (no annotations). */
  SlimMeta keepLabels(Predicate<String> key) {
    if (labels.isEmpty()) {
      return this;
    }
    Map<String, String> kept =
        labels.entrySet().stream()
            .filter(e -> key.test(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    return new SlimMeta(
        name, namespace, null, version, opaqueVersion, deletionTimestamp, kept, null);
  }

  /** The same metadata without labels. */
  SlimMeta withoutLabels() {
    return new SlimMeta(
        name, namespace, uid, version, opaqueVersion, deletionTimestamp, null, annotations);
  }

  /** The same metadata at another version: two objects differing only there are equal. */
  SlimMeta atVersion(String version) {
    return new SlimMeta(name, namespace, uid, version, deletionTimestamp, labels, annotations);
  }

  /** A fabric8 copy, made for each caller (the informer machinery reads name and version). */
  public ObjectMeta toObjectMeta() {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withUid(uid)
        .withResourceVersion(resourceVersion())
        .withDeletionTimestamp(deletionTimestamp)
        .withLabels(labels.isEmpty() ? null : labels)
        .withAnnotations(annotations.isEmpty() ? null : annotations)
        .build();
  }

  static SlimMeta of(ObjectMeta meta) {
    return new SlimMeta(
        meta.getName(),
        meta.getNamespace(),
        meta.getUid(),
        meta.getResourceVersion(),
        meta.getDeletionTimestamp(),
        meta.getLabels(),
        meta.getAnnotations());
  }
}
