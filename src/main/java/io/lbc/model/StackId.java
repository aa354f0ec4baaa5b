package io.lbc.model;

import java.util.Optional;

/**
 * Identifies a stack: an IngressGroup (its explicit group name, or {@code namespace/name} of its
 * only Ingress) or a Service ({@code namespace/name}).
 */
public record StackId(StackKind kind, String value) {

  public static StackId explicitIngressGroup(String groupName) {
    return new StackId(StackKind.INGRESS, groupName);
  }

  public static StackId implicitIngressGroup(String namespace, String name) {
    return new StackId(StackKind.INGRESS, namespace + "/" + name);
  }

  public static StackId service(String namespace, String name) {
    return new StackId(StackKind.SERVICE, namespace + "/" + name);
  }

  /** A Gateway's stack: {@code namespace/name}, kind {@link StackKind#GATEWAY_ALB} or NLB. */
  public static StackId gateway(StackKind kind, String namespace, String name) {
    return new StackId(kind, namespace + "/" + name);
  }

  /** The namespace of a {@code namespace/name} stack; empty for an explicit IngressGroup. */
  public Optional<String> namespace() {
    int slash = value.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(value.substring(0, slash));
  }

  /** The name of a {@code namespace/name} stack, or the group name. */
  public String name() {
    int slash = value.indexOf('/');
    return slash < 0 ? value : value.substring(slash + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
