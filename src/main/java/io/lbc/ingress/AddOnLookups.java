package io.lbc.ingress;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.shield.ShieldSubscription;
import io.lbc.aws.wafv2.Wafv2;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS reads the add-on annotations need while building: a WAFv2 web ACL's ARN by name (cached
 * 60 minutes, as the reference does) and whether Shield Advanced is subscribed. Long-lived: one
 * instance serves every build.
 *
 * @param wafRegionalAvailable whether WAF Classic regional exists in the controller's region
 */
public record AddOnLookups(
    Wafv2 wafv2,
    ShieldSubscription shield,
    boolean wafRegionalAvailable,
    ExpiringCache<String, String> webAclArnsByName) {
  static final Duration WEB_ACL_NAME_TTL = Duration.ofMinutes(60);

  public AddOnLookups(Wafv2 wafv2, ShieldSubscription shield, boolean wafRegionalAvailable) {
    this(wafv2, shield, wafRegionalAvailable, new ExpiringCache<>(WEB_ACL_NAME_TTL));
  }

  /** The ARN of the REGIONAL web ACL of that name; a missing name is asked again next time. */
  public Optional<String> webAclArn(String name) {
    Optional<String> cached = webAclArnsByName.get(name);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<String> arn = wafv2.findWebAclArnByName(name);
    arn.ifPresent(a -> webAclArnsByName.put(name, a));
    return arn;
  }

  public boolean shieldSubscribed() {
    return shield.active();
  }
}
