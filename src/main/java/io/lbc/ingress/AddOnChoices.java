package io.lbc.ingress;

import java.util.List;
import java.util.Optional;

/**
 * The load balancer add-ons one member asks for (compat-spec §1.3 #14–#18). Absent means "leave it
 * as it is"; {@code none} means disassociate.
 *
 * @param wafv2AclArn the WAFv2 web ACL, names already resolved to ARNs
 * @param wafRegionalAclId the WAF Classic regional web ACL
 * @param shieldProtection Shield Advanced on or off
 * @param notices what the member asked for that the controller is configured not to touch
 */
record AddOnChoices(
    Optional<Setting<String>> wafv2AclArn,
    Optional<Setting<String>> wafRegionalAclId,
    Optional<Setting<Boolean>> shieldProtection,
    List<String> notices) {

  static AddOnChoices none() {
    return new AddOnChoices(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }
}
