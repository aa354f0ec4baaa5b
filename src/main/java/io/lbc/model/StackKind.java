package io.lbc.model;

/** What a stack is built from; decides the prefix of its tracking tags and labels. */
public enum StackKind {
  INGRESS("ingress.k8s.aws"),
  SERVICE("service.k8s.aws");

  private final String tagPrefix;

  StackKind(String tagPrefix) {
    this.tagPrefix = tagPrefix;
  }

  /** {@code ingress.k8s.aws} or {@code service.k8s.aws}. */
  public String tagPrefix() {
    return tagPrefix;
  }
}
