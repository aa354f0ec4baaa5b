package io.lbc.model;

/** What a stack is built from; decides the prefix of its tracking tags and labels. */
public enum StackKind {
  INGRESS("ingress.k8s.aws", "ingress"),
  SERVICE("service.k8s.aws", "service"),
  /** A Gateway of the ALB controller (controllerName gateway.k8s.aws/alb). */
  GATEWAY_ALB("gateway.k8s.aws.alb", "gateway.k8s.aws/alb"),
  /** A Gateway of the NLB controller (controllerName gateway.k8s.aws/nlb). */
  GATEWAY_NLB("gateway.k8s.aws.nlb", "gateway.k8s.aws/nlb");

  private final String tagPrefix;
  private final String controller;

  StackKind(String tagPrefix, String controller) {
    this.tagPrefix = tagPrefix;
    this.controller = controller;
  }

  /** The controller that deploys stacks of this kind, as metrics name it ({@code controller}). */
  public String controller() {
    return controller;
  }

  /** {@code ingress.k8s.aws}, {@code service.k8s.aws}, {@code gateway.k8s.aws.alb|nlb}. */
  public String tagPrefix() {
    return tagPrefix;
  }
}
