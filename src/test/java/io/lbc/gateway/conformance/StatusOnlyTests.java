package io.lbc.gateway.conformance;

import java.util.List;

/**
 * The 49 tests of the Gateway API conformance suite v1.6.0 that send no traffic (gateway-spec.md
 * §6), each with the pass it runs in (which GatewayClass: the ALB one for Gateway, HTTPRoute and
 * ListenerSet tests, the NLB one for TCPRoute, UDPRoute and TLSRoute tests), whether the reference
 * passes it, and whether it is in the features we claim.
 */
final class StatusOnlyTests {
  private StatusOnlyTests() {}

  enum Pass {
    ALB,
    NLB
  }

  /**
   * @param reference R: in the reference's scope and passing; R-skip: in scope, skipped by it; "":
   *     outside its scope
   * @param claimed whether the features we claim cover it (else the report lists it as unclaimed)
   */
  record StatusOnlyTest(
      String name, Pass pass, String reference, boolean claimed, boolean sendsTraffic) {}

  static final List<StatusOnlyTest> ALL =
      List.of(
          alb("GatewayClassObservedGenerationBump", "R"),
          alb("GatewayObservedGenerationBump", "R"),
          alb("GatewayModifyListeners", "R"),
          alb("GatewayInvalidRouteKind", "R"),
          alb("GatewayListenerUnsupportedProtocol", "R"),
          alb("GatewayInvalidParametersRef", "R-skip"),
          alb("GatewayInvalidTLSConfiguration", "R-skip"),
          alb("GatewayWithAttachedRoutes", "R-skip"),
          alb("GatewaySecretInvalidReferenceGrant", "R-skip"),
          alb("GatewaySecretMissingReferenceGrant", "R-skip"),
          alb("GatewaySecretReferenceGrantAllInNamespace", "R-skip"),
          alb("GatewaySecretReferenceGrantSpecific", "R-skip"),
          unclaimed("GatewayWithAttachedRoutesWithPort8080", Pass.ALB),
          unclaimed("GatewayStaticAddresses", Pass.ALB),
          unclaimed("GatewayOptionalAddressValue", Pass.ALB),
          unclaimed("GatewayInfrastructure", Pass.ALB),
          unclaimed("GatewayInvalidFrontendClientCertificateValidation", Pass.ALB),
          unclaimed("GatewayInvalidTLSBackendConfiguration", Pass.ALB),
          unclaimed("BackendTLSPolicyObservedGenerationBump", Pass.ALB),
          alb("HTTPRouteObservedGenerationBump", "R"),
          alb("HTTPRouteInvalidCrossNamespaceParentRef", "R"),
          alb("HTTPRouteInvalidParentRefNotMatchingSectionName", "R"),
          alb("HTTPRouteInvalidParentRefNotMatchingListenerPort", "R"),
          alb("HTTPRouteInvalidParentRefSectionNameNotMatchingPort", "R"),
          unclaimed("HTTPRouteDisallowedKind", Pass.ALB),
          alb("ListenerSetAllowedNamespaceNone", "R"),
          alb("ListenerSetAllowedNamespaceSame", "R"),
          alb("ListenerSetAllowedNamespaceSelector", "R"),
          alb("ListenerSetDefaultNotAllowed", "R"),
          alb("ListenerSetHostnameConflict", "R"),
          alb("ListenerSetProtocolConflict", "R"),
          alb("ListenerSetRouteStatusScopedToParentRef", "R"),
          alb("ListenerSetReferenceGrant", "R-skip"),
          unclaimed("ListenerSetAllowedRoutesSupportedKinds", Pass.ALB),
          traffic("TLSRouteInvalidBackendRefNonexistent"),
          traffic("TLSRouteInvalidBackendRefUnknownKind"),
          nlb("TLSRouteInvalidNoMatchingListener"),
          nlb("TLSRouteInvalidNoMatchingListenerHostname"),
          nlb("TLSRouteInvalidReferenceGrant"),
          nlb("TLSRouteListenerPassthroughSupportedKinds"),
          nlb("TLSRouteListenerTerminateNotSupported"),
          unclaimed("TLSRouteListenerTerminateSupportedKinds", Pass.NLB),
          unclaimed("TLSRouteListenerMixedTerminationNotSupported", Pass.NLB),
          nlb("TCPRouteInvalidBackendRefNonexistent"),
          nlb("TCPRouteInvalidCrossNamespaceBackendRef"),
          nlb("TCPRouteInvalidNonTCPListener"),
          nlb("UDPRouteInvalidBackendRefNonexistent"),
          nlb("UDPRouteInvalidCrossNamespaceBackendRef"),
          nlb("UDPRouteNotAllowedByListeners"));

  /**
   * The features claimed per pass: the reference's set on the ALB class (gateway-spec §6), the L4
   * route kinds on the NLB class. TLSRoute terminate mode is not claimed: the Gateway API meaning
   * (certificateRefs) is not what the reference does (ACM discovery).
   */
  static String features(Pass pass) {
    return switch (pass) {
      case ALB ->
          "Gateway,HTTPRoute,ReferenceGrant,HTTPRoutePortRedirect,HTTPRouteMethodMatching,"
              + "HTTPRouteParentRefPort,HTTPRouteDestinationPortMatching,ListenerSet";
      case NLB -> "Gateway,ReferenceGrant,TLSRoute,TCPRoute,UDPRoute";
    };
  }

  static List<StatusOnlyTest> claimed(Pass pass) {
    return ALL.stream().filter(t -> t.pass() == pass && t.claimed() && !t.sendsTraffic()).toList();
  }

  private static StatusOnlyTest alb(String name, String reference) {
    return new StatusOnlyTest(name, Pass.ALB, reference, true, false);
  }

  private static StatusOnlyTest nlb(String name) {
    return new StatusOnlyTest(name, Pass.NLB, "", true, false);
  }

  /**
   * Listed as status-only by gateway-spec §6, but running it showed a subtest that dials the load
   * balancer's DNS name (tls.MakeTLSRequest): not run here, traffic goes to loopback only.
   */
  private static StatusOnlyTest traffic(String name) {
    return new StatusOnlyTest(name, Pass.NLB, "", true, true);
  }

  private static StatusOnlyTest unclaimed(String name, Pass pass) {
    return new StatusOnlyTest(name, pass, "", false, false);
  }
}
