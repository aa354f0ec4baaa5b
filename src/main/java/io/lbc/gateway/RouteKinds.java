package io.lbc.gateway;

/** Gateway API route kinds. */
public final class RouteKinds {
  public static final String HTTP_ROUTE = "HTTPRoute";
  public static final String GRPC_ROUTE = "GRPCRoute";
  public static final String TCP_ROUTE = "TCPRoute";
  public static final String UDP_ROUTE = "UDPRoute";
  public static final String TLS_ROUTE = "TLSRoute";

  private RouteKinds() {}
}
