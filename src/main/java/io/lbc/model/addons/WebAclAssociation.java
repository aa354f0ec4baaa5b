package io.lbc.model.addons;

import io.lbc.model.ResourceSpec;
import io.lbc.model.Token;

/** A web ACL association of either WAF: which web ACL (empty: none) on which resource. */
public interface WebAclAssociation extends ResourceSpec {
  /** The web ACL's ARN (WAFv2) or ID (WAF Classic); empty to disassociate. */
  String webAcl();

  Token resourceARN();
}
