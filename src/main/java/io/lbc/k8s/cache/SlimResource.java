package io.lbc.k8s.cache;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A cached object of our own shape: Jackson reads the apiserver's JSON straight into it and skips
 * every field it does not declare. It is a {@link HasMetadata} only so that fabric8's informer can
 * key and version it; its metadata is read-only.
 */
public interface SlimResource extends HasMetadata {
  SlimMeta meta();

  /**
   * The same object at another resourceVersion; equal to an update that changed nothing we read.
   */
  SlimResource atVersion(String version);

  @JsonIgnore
  @Override
  default ObjectMeta getMetadata() {
    return meta().toObjectMeta();
  }

  @JsonIgnore
  @Override
  default void setMetadata(ObjectMeta metadata) {
    throw new UnsupportedOperationException("cached objects are read-only");
  }

  @Override
  default void setApiVersion(String version) {
    // the type fixes it
  }

  /** Whether {@code now} differs from {@code before} in a field we read (versions aside). */
  static <T extends SlimResource> boolean changed(T now, T before) {
    return before == null || !now.atVersion(before.meta().resourceVersion()).equals(before);
  }
}
