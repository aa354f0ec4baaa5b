package io.lbc.annotations;

/** Where a declared key is written by the user. */
public enum Surface {
  INGRESS_ANNOTATION(
      "Ingress annotation", Annotations.INGRESS_PREFIX + "/", "alb.ingress.kubernetes.io/"),
  SERVICE_ANNOTATION(
      "Service annotation",
      Annotations.SERVICE_PREFIX + "/",
      "service.beta.kubernetes.io/aws-load-balancer-"),
  POD_ANNOTATION("Pod annotation", Annotations.SERVICE_PREFIX + "/", null),
  INGRESS_CLASS_PARAMS("IngressClassParams field", "spec.", null),
  GATEWAY_ANNOTATION("Gateway annotation", "gateway.k8s.aws/", null);

  private final String title;
  private final String prefix;
  private final String typoPrefix;

  Surface(String title, String prefix, String typoPrefix) {
    this.title = title;
    this.prefix = prefix;
    this.typoPrefix = typoPrefix;
  }

  public String title() {
    return title;
  }

  /** What a key's name is written after, e.g. {@code alb.ingress.kubernetes.io/}. */
  public String prefix() {
    return prefix;
  }

  /**
   * Keys under this prefix that match no declaration are typos worth a Warning; null when the
   * surface is not checked for them.
   */
  String typoPrefix() {
    return typoPrefix;
  }
}
