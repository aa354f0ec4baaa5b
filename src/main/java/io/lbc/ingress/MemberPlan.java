package io.lbc.ingress;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one member contributes to its group's stack, built from that member alone, so that a
 * member whose input is bad can be left out without touching the others.
 *
 * @param rules in the member's order: rules as written, paths sorted within each rule
 * @param defaultBackend the action of {@code spec.defaultBackend}, if set
 * @param addOns the WAF and Shield settings the member asks for
 * @param frontendNlb the frontend NLB settings the member asks for
 * @param httpsOnly the annotations asking for what HTTPS listeners alone do (authentication, JWT
 *     validation), by the annotation key
 * @param certificate the ACM certificate the controller requests for the member ({@code
 *     create-acm-cert})
 */
record MemberPlan(
    GroupMember member,
    MemberSettings settings,
    List<RuleDraft> rules,
    Optional<RuleDraft> defaultBackend,
    Map<String, TargetGroupPlan> targetGroups,
    AddOnChoices addOns,
    Set<String> httpsOnly,
    Optional<ManagedCertificateReader.Request> certificate,
    FrontendNlbChoices frontendNlb) {

  String key() {
    return member.key();
  }

  /** A target group for an IPv6 Service, which only a dualstack load balancer can reach. */
  Optional<TargetGroupPlan> ipv6TargetGroup() {
    return targetGroups.values().stream()
        .filter(tg -> "ipv6".equals(tg.spec().ipAddressType()))
        .findFirst();
  }
}
