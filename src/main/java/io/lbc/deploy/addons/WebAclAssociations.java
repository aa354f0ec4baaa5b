package io.lbc.deploy.addons;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.wafregional.WafRegional;
import io.lbc.aws.wafv2.Wafv2;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The web ACL associations of one WAF (v2 or Classic regional), with the association of each
 * resource cached for 10 minutes (the reference's time) and updated on our own writes, so that a
 * deploy that changes nothing calls nothing.
 */
public final class WebAclAssociations {
  static final Duration CACHE_TTL = Duration.ofMinutes(10);

  private final String name;
  private final Function<String, Optional<String>> find;
  private final BiConsumer<String, String> associate;
  private final Consumer<String> disassociate;
  private final ExpiringCache<String, Optional<String>> current = new ExpiringCache<>(CACHE_TTL);

  private WebAclAssociations(
      String name,
      Function<String, Optional<String>> find,
      BiConsumer<String, String> associate,
      Consumer<String> disassociate) {
    this.name = name;
    this.find = find;
    this.associate = associate;
    this.disassociate = disassociate;
  }

  public static WebAclAssociations wafv2(Wafv2 wafv2) {
    return new WebAclAssociations(
        "wafv2WebACLAssociation",
        wafv2::findWebAclArnForResource,
        wafv2::associateWebAcl,
        wafv2::disassociateWebAcl);
  }

  public static WebAclAssociations wafRegional(WafRegional waf) {
    return new WebAclAssociations(
        "wafRegionalWebACLAssociation",
        waf::findWebAclIdForResource,
        waf::associateWebAcl,
        waf::disassociateWebAcl);
  }

  /** How writes name this kind of resource in the log. */
  String name() {
    return name;
  }

  /** The web ACL associated with the resource now, if any. */
  Optional<String> current(String resourceArn) {
    return current.getOrLoad(resourceArn, () -> find.apply(resourceArn));
  }

  /** Associates the web ACL; if the call fails, the next deploy reads the association again. */
  void associate(String resourceArn, String webAcl) {
    current.invalidate(resourceArn);
    associate.accept(resourceArn, webAcl);
    current.put(resourceArn, Optional.of(webAcl));
  }

  void disassociate(String resourceArn) {
    current.invalidate(resourceArn);
    disassociate.accept(resourceArn);
    current.put(resourceArn, Optional.empty());
  }
}
