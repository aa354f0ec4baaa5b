package io.lbc.service;

import io.lbc.config.FeatureGate;
import java.util.Map;
import java.util.Optional;

/**
 * Annotations the reference controller honours and this builder does not yet. A Service using one
 * is refused, naming the annotation, rather than given a load balancer that silently lacks the
 * feature (an existing NLB is then left exactly as it is).
 */
final class UnsupportedAnnotations {
  static final String CAPACITY = "aws-load-balancer-minimum-load-balancer-capacity";
  static final String IPV6_SOURCE_NAT = "aws-load-balancer-enable-prefix-for-ipv6-source-nat";
  static final String SOURCE_NAT_PREFIXES = "aws-load-balancer-source-nat-ipv6-prefixes";
  static final String ACTIONS = "actions.";

  private UnsupportedAnnotations() {}

  static void check(BuildContext context) {
    var annotations = context.annotations();
    if (annotations.has(CAPACITY) && context.enabled(FeatureGate.LB_CAPACITY_RESERVATION)) {
      throw unsupported(context, CAPACITY, "capacity reservations");
    }
    Optional<String> sourceNat = annotations.string(IPV6_SOURCE_NAT);
    if (sourceNat.isPresent() && !sourceNat.get().equals("off")) {
      throw unsupported(context, IPV6_SOURCE_NAT, "IPv6 source NAT prefixes");
    }
    if (annotations.has(SOURCE_NAT_PREFIXES)) {
      throw unsupported(context, SOURCE_NAT_PREFIXES, "IPv6 source NAT prefixes");
    }
    Map<String, String> actions = annotations.withSuffixPrefix(ACTIONS);
    if (!actions.isEmpty()) {
      throw unsupported(
          context,
          actions.keySet().stream().sorted().findFirst().orElseThrow(),
          "weighted target groups");
    }
  }

  private static RuntimeException unsupported(BuildContext context, String suffix, String feature) {
    return context
        .annotations()
        .invalid(
            suffix,
            feature
                + " are not supported by this controller yet; remove the annotation to let it"
                + " manage the load balancer");
  }
}
