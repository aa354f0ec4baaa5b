package io.lbc.ingress;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.wafv2.Wafv2;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS reads the add-on annotations need while building: a WAFv2 web ACL's ARN by name (cached
 * 60 minutes, as the reference does) and whether Shield Advanced is subscribed (cached 2 hours).
 * Long-lived: one instance serves every build.
 *
 * @param wafRegionalAvailable whether WAF Classic regional exists in the controller's region
 */
public record AddOnLookups(
    Wafv2 wafv2,
    Shield shield,
    boolean wafRegionalAvailable,
    ExpiringCache<String, Optional<String>> webAclArnsByName,
    ExpiringCache<String, Boolean> subscription) {
  static final Duration WEB_ACL_NAME_TTL = Duration.ofMinutes(60);
  static final Duration SUBSCRIPTION_TTL = Duration.ofHours(2);

  public AddOnLookups(Wafv2 wafv2, Shield shield, boolean wafRegionalAvailable) {
    this(
        wafv2,
        shield,
        wafRegionalAvailable,
        new ExpiringCache<>(WEB_ACL_NAME_TTL),
        new ExpiringCache<>(SUBSCRIPTION_TTL));
  }

  /** The ARN of the REGIONAL web ACL of that name, if there is one. */
  Optional<String> webAclArn(String name) {
    Optional<Optional<String>> cached = webAclArnsByName.get(name);
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<String> arn = wafv2.findWebAclArnByName(name);
    if (arn.isPresent()) {
      webAclArnsByName.put(name, arn); // a missing name is asked again: it may be created soon
    }
    return arn;
  }

  boolean shieldSubscribed() {
    return subscription
        .get("state")
        .orElseGet(
            () -> {
              boolean active = shield.describeSubscriptionActive();
              subscription.put("state", active);
              return active;
            });
  }
}
