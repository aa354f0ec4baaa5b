package io.lbc.gateway.l4;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** How the Gateway API kinds the NLB Gateway controller reads are addressed on the apiserver. */
public final class GatewayKinds {
  public static final ResourceDefinitionContext GATEWAY = v1("Gateway", "gateways", true);
  public static final ResourceDefinitionContext GATEWAY_CLASS =
      v1("GatewayClass", "gatewayclasses", false);
  public static final ResourceDefinitionContext TCP_ROUTE = v1("TCPRoute", "tcproutes", true);
  public static final ResourceDefinitionContext UDP_ROUTE = v1("UDPRoute", "udproutes", true);
  public static final ResourceDefinitionContext TLS_ROUTE = v1("TLSRoute", "tlsroutes", true);
  public static final ResourceDefinitionContext REFERENCE_GRANT =
      new ResourceDefinitionContext.Builder()
          .withGroup(GatewayApi.GROUP)
          .withVersion("v1beta1")
          .withKind("ReferenceGrant")
          .withPlural("referencegrants")
          .withNamespaced(true)
          .build();

  private GatewayKinds() {}

  public static ResourceDefinitionContext route(String kind) {
    return switch (kind) {
      case GatewayApi.TCP_ROUTE -> TCP_ROUTE;
      case GatewayApi.UDP_ROUTE -> UDP_ROUTE;
      case GatewayApi.TLS_ROUTE -> TLS_ROUTE;
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static ResourceDefinitionContext v1(String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(GatewayApi.GROUP)
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
