package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
    String resourceVersion,
    String deletionTimestamp,
    Map<String, String> labels,
    Map<String, String> annotations) {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

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

  /** Only what every kind needs: no uid, labels or annotations. */
  SlimMeta bare() {
    return new SlimMeta(name, namespace, null, resourceVersion, deletionTimestamp, null, null);
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
    return new SlimMeta(name, namespace, null, resourceVersion, deletionTimestamp, kept, null);
  }

  /** The same metadata without labels. */
  SlimMeta withoutLabels() {
    return new SlimMeta(
        name, namespace, uid, resourceVersion, deletionTimestamp, null, annotations);
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
        .withResourceVersion(resourceVersion)
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
