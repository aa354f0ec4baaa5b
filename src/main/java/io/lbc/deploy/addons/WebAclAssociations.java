package io.lbc.deploy.addons;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.wafregional.WafRegional;
import io.lbc.aws.wafv2.Wafv2;
import java.time.Duration;
import java.util.Optional;

/**
 * The web ACL associations of one WAF (v2 or Classic regional), with the association of each
 * resource cached for 10 minutes (the reference's time) and updated on our own writes, so that a
 * deploy that changes nothing calls nothing.
 */
public final class WebAclAssociations {
  static final Duration CACHE_TTL = Duration.ofMinutes(10);

  /** The three calls of either WAF. */
  interface Calls {
    Optional<String> find(String resourceArn);

    void associate(String resourceArn, String webAcl);

    void disassociate(String resourceArn);
  }

  private final String name;
  private final Calls calls;
  private final ExpiringCache<String, Optional<String>> current = new ExpiringCache<>(CACHE_TTL);

  private WebAclAssociations(String name, Calls calls) {
    this.name = name;
    this.calls = calls;
  }

  public static WebAclAssociations wafv2(Wafv2 wafv2) {
    return new WebAclAssociations(
        "wafv2WebACLAssociation",
        new Calls() {
          public Optional<String> find(String resourceArn) {
            return wafv2.findWebAclArnForResource(resourceArn);
          }

          public void associate(String resourceArn, String webAcl) {
            wafv2.associateWebAcl(resourceArn, webAcl);
          }

          public void disassociate(String resourceArn) {
            wafv2.disassociateWebAcl(resourceArn);
          }
        });
  }

  public static WebAclAssociations wafRegional(WafRegional waf) {
    return new WebAclAssociations(
        "wafRegionalWebACLAssociation",
        new Calls() {
          public Optional<String> find(String resourceArn) {
            return waf.findWebAclIdForResource(resourceArn);
          }

          public void associate(String resourceArn, String webAcl) {
            waf.associateWebAcl(resourceArn, webAcl);
          }

          public void disassociate(String resourceArn) {
            waf.disassociateWebAcl(resourceArn);
          }
        });
  }

  /** How writes name this kind of resource in the log. */
  String name() {
    return name;
  }

  /** The web ACL associated with the resource now, if any. */
  Optional<String> current(String resourceArn) {
    return current
        .get(resourceArn)
        .orElseGet(
            () -> {
              Optional<String> found = calls.find(resourceArn);
              current.put(resourceArn, found);
              return found;
            });
  }

  void associate(String resourceArn, String webAcl) {
    try {
      calls.associate(resourceArn, webAcl);
    } finally {
      current.invalidate(resourceArn);
    }
    current.put(resourceArn, Optional.of(webAcl));
  }

  void disassociate(String resourceArn) {
    try {
      calls.disassociate(resourceArn);
    } finally {
      current.invalidate(resourceArn);
    }
    current.put(resourceArn, Optional.empty());
  }
}
