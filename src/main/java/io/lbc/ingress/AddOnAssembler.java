package io.lbc.ingress;

import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.addons.ShieldProtectionSpec;
import io.lbc.model.addons.WafRegionalAssociationSpec;
import io.lbc.model.addons.WebAclAssociationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;

/**
 * Adds the group's load balancer add-ons to the stack: a WAFv2 association, a WAF Classic regional
 * association and a Shield protection, each only when some member asked for it (absent = leave it
 * as it is), each on the load balancer's ARN.
 */
final class AddOnAssembler {
  private AddOnAssembler() {}

  /** {@code none} is an empty web ACL in the stack, as in the reference's: disassociate. */
  private static String orEmpty(String webAcl) {
    return webAcl.equals(AddOnReader.NONE) ? "" : webAcl;
  }

  static void add(Stack stack, GroupSettings settings) {
    Token loadBalancerArn =
        ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    if (settings.wafv2AclArn != null) {
      stack.add(
          LoadBalancerSpec.ID,
          new WebAclAssociationSpec(orEmpty(settings.wafv2AclArn.value()), loadBalancerArn));
    }
    if (settings.wafRegionalAclId != null) {
      stack.add(
          LoadBalancerSpec.ID,
          new WafRegionalAssociationSpec(
              orEmpty(settings.wafRegionalAclId.value()), loadBalancerArn));
    }
    if (settings.shieldProtection != null) {
      stack.add(
          LoadBalancerSpec.ID,
          new ShieldProtectionSpec(settings.shieldProtection.value(), loadBalancerArn));
    }
  }
}
