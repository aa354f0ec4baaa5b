package io.lbc.model.addons;

import io.lbc.model.ResourceType;
import io.lbc.model.Token;

/**
 * The WAF Classic regional web ACL of a load balancer (resource id {@code LoadBalancer}). Only in
 * the stack when a member asked: a stack without it leaves the association as it is.
 *
 * @param webACLID the web ACL to associate; empty to disassociate ({@code none})
 */
public record WafRegionalAssociationSpec(String webACLID, Token resourceARN)
    implements WebAclAssociation {
  @Override
  public String webAcl() {
    return webACLID;
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.WAF_REGIONAL_WEB_ACL_ASSOCIATION;
  }
}
