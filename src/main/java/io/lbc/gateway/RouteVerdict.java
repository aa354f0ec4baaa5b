package io.lbc.gateway;

/**
 * What a route's status says about one build, beyond attachment: refused (Accepted=False, e.g. an
 * unsupported filter) or with unresolved backends (ResolvedRefs=False). The first problem found is
 * reported.
 */
public record RouteVerdict(
    String refusal, String refusalMessage, String unresolved, String unresolvedMessage) {
  public static final RouteVerdict OK = new RouteVerdict(null, null, null, null);

  public boolean refused() {
    return refusal != null;
  }

  public RouteVerdict refuse(String reason, String message) {
    return refused() ? this : new RouteVerdict(reason, message, unresolved, unresolvedMessage);
  }

  public RouteVerdict unresolved(String reason, String message) {
    return unresolved != null ? this : new RouteVerdict(refusal, refusalMessage, reason, message);
  }
}
