package io.lbc.aws.wafregional;

import java.util.Optional;

/** The WAF Classic regional operations the controller uses: web ACL associations. */
public interface WafRegional {
  /** The ID of the web ACL associated with the resource, if any (GetWebACLForResource). */
  Optional<String> findWebAclIdForResource(String resourceArn);

  /** Associates the web ACL, replacing any association the resource had. */
  void associateWebAcl(String resourceArn, String webAclId);

  void disassociateWebAcl(String resourceArn);
}
