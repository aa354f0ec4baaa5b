package io.lbc.service;

import io.lbc.model.Token;
import java.util.List;

/**
 * How the NLB is protected and where node rules open traffic from.
 *
 * @param loadBalancerGroups the NLB's security groups; null for an NLB without any, whose node
 *     rules then come from client and subnet CIDRs
 * @param ruleSource the group node rules admit (the shared backend group, or the managed group when
 *     the backend group is off); null when the user manages node rules for their own groups
 */
record SecurityPlan(List<Token> loadBalancerGroups, Token ruleSource) {

  static SecurityPlan withoutSecurityGroups() {
    return new SecurityPlan(null, null);
  }

  boolean securityGroupLess() {
    return loadBalancerGroups == null;
  }
}
