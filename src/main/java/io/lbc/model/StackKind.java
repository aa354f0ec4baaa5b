package io.lbc.model;

/** What a stack is built from; decides the prefix of its tracking tags and labels. */
public enum StackKind {
  INGRESS("ingress.k8s.aws"),
  SERVICE("service.k8s.aws"),
  /** A Gateway of the ALB controller (controllerName gateway.k8s.aws/alb). */
  GATEWAY_ALB("gateway.k8s.aws.alb"),
  /** A Gateway of the NLB controller (controllerName gateway.k8s.aws/nlb). */
  GATEWAY_NLB("gateway.k8s.aws.nlb");

  private final String tagPrefix;

  StackKind(String tagPrefix) {
    this.tagPrefix = tagPrefix;
  }

  /** {@code ingress.k8s.aws}, {@code service.k8s.aws}, {@code gateway.k8s.aws.alb|nlb}. */
  public String tagPrefix() {
    return tagPrefix;
  }
}
