package io.lbc.aws.wafv2;

import java.util.Optional;

/** The WAFv2 operations the controller uses, all on REGIONAL web ACLs. */
public interface Wafv2 {
  /** The ARN of the web ACL associated with the resource, if any (GetWebACLForResource). */
  Optional<String> findWebAclArnForResource(String resourceArn);

  /** The ARN of the REGIONAL web ACL of that name, if any (ListWebACLs, every page). */
  Optional<String> findWebAclArnByName(String name);

  /** Associates the web ACL, replacing any association the resource had. */
  void associateWebAcl(String resourceArn, String webAclArn);

  void disassociateWebAcl(String resourceArn);
}
