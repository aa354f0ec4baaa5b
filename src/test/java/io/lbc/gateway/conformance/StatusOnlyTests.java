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
   * @param notRun null when the run includes it, else why it is skipped (the report says so)
   */
  record StatusOnlyTest(String name, Pass pass, String reference, boolean claimed, String notRun) {}

  static final String NEEDS_TRAFFIC = "needs traffic (a subtest dials the load balancer)";

  /** The reference's own skip reason for the listener certificateRefs tests (gateway-spec §6). */
  static final String NO_CERTIFICATE_REFS =
      "skipped, as by the reference: listener certificateRefs (Secrets) are not used; certificates"
          + " come from LoadBalancerConfiguration or ACM discovery by hostname";

  static final List<StatusOnlyTest> ALL =
      List.of(
          alb("GatewayClassObservedGenerationBump", "R"),
          alb("GatewayObservedGenerationBump", "R"),
          alb("GatewayModifyListeners", "R"),
          alb("GatewayInvalidRouteKind", "R"),
          alb("GatewayListenerUnsupportedProtocol", "R"),
          alb("GatewayInvalidParametersRef", "R-skip"),
          skipped("GatewayInvalidTLSConfiguration", "R-skip", NO_CERTIFICATE_REFS),
          skipped(
              "GatewayWithAttachedRoutes",
              "R-skip",
              NO_CERTIFICATE_REFS
                  + " (its subtest 'AttachedRoutes set even when Gateway has unresolved refs'"
                  + " wants ResolvedRefs=False from a certificateRef to a missing Secret; its two"
                  + " subtests before it passed on 7 December)"),
          skipped("GatewaySecretInvalidReferenceGrant", "R-skip", NO_CERTIFICATE_REFS),
          skipped("GatewaySecretMissingReferenceGrant", "R-skip", NO_CERTIFICATE_REFS),
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
          skipped("ListenerSetReferenceGrant", "R-skip", NO_CERTIFICATE_REFS),
          unclaimed("ListenerSetAllowedRoutesSupportedKinds", Pass.ALB),
          traffic("TLSRouteInvalidBackendRefNonexistent"),
          traffic("TLSRouteInvalidBackendRefUnknownKind"),
          nlb("TLSRouteInvalidNoMatchingListener"),
          nlb("TLSRouteInvalidNoMatchingListenerHostname"),
          nlb("TLSRouteInvalidReferenceGrant"),
          skipped(
              "TLSRouteListenerPassthroughSupportedKinds",
              Pass.NLB,
              "skipped, deliberate: the reference's TLS listener serves TLSRoute and TCPRoute (its"
                  + " default kinds; passthrough becomes a TCP listener), so a TLS listener listing"
                  + " TCPRoute is ResolvedRefs=True with both kinds, where the test wants"
                  + " InvalidRouteKinds and only TLSRoute"),
          skipped(
              "TLSRouteListenerTerminateNotSupported",
              Pass.NLB,
              "skipped, deliberate: TLS Terminate is supported on NLB Gateways (certificate from"
                  + " LoadBalancerConfiguration or ACM discovery, as the reference), so the listener"
                  + " is Accepted, where the test (run when TLSRouteModeTerminate is not claimed;"
                  + " it is not, its certificateRefs meaning differs) wants"
                  + " Accepted=False/UnsupportedValue"),
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

  /** The tests a pass runs: claimed and not skipped. */
  static List<StatusOnlyTest> claimed(Pass pass) {
    return ALL.stream().filter(t -> t.pass() == pass && t.claimed() && t.notRun() == null).toList();
  }

  private static StatusOnlyTest alb(String name, String reference) {
    return new StatusOnlyTest(name, Pass.ALB, reference, true, null);
  }

  private static StatusOnlyTest nlb(String name) {
    return new StatusOnlyTest(name, Pass.NLB, "", true, null);
  }

  /**
   * Claimed but not run, for the reason given: a deliberate deviation (kept from the reference) or
   * a limit of the rig; never a failure left unexplained.
   */
  private static StatusOnlyTest skipped(String name, Pass pass, String reason) {
    return new StatusOnlyTest(name, pass, "", true, reason);
  }

  private static StatusOnlyTest skipped(String name, String reference, String reason) {
    return new StatusOnlyTest(name, Pass.ALB, reference, true, reason);
  }

  /**
   * Listed as status-only by gateway-spec §6, but running it showed a subtest that dials the load
   * balancer's DNS name (tls.MakeTLSRequest): not run here, traffic goes to loopback only.
   */
  private static StatusOnlyTest traffic(String name) {
    return new StatusOnlyTest(name, Pass.NLB, "", true, NEEDS_TRAFFIC);
  }

  private static StatusOnlyTest unclaimed(String name, Pass pass) {
    return new StatusOnlyTest(name, pass, "", false, null);
  }
}
