package io.lbc.model.addons;

import io.lbc.model.ResourceType;
import io.lbc.model.Token;

/**
 * The WAFv2 web ACL of a load balancer (resource id {@code LoadBalancer}). Only in the stack when a
 * member asked: a stack without it leaves the association as it is.
 *
 * @param webACLARN the web ACL to associate; empty to disassociate ({@code none})
 */
public record WebAclAssociationSpec(String webACLARN, Token resourceARN)
    implements WebAclAssociation {
  @Override
  public String webAcl() {
    return webACLARN;
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.WAFV2_WEB_ACL_ASSOCIATION;
  }
}
