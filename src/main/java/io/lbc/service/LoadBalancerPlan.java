package io.lbc.service;

import io.lbc.model.LoadBalancerScheme;

/** What target groups and their bindings need to know about the NLB in front of them. */
record LoadBalancerPlan(
    LoadBalancerScheme scheme, String ipAddressType, SubnetDetails subnets, SecurityPlan security) {

  boolean dualstack() {
    return ipAddressType.equals(Addressing.DUALSTACK);
  }
}
