package io.lbc.deploy.addons;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.shield.Protection;
import io.lbc.aws.shield.Shield;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Shield Advanced protections by resource ARN, cached for 10 minutes and updated on our own writes,
 * and the subscription state, cached for 2 hours (the reference's times).
 */
public final class ShieldProtections {
  static final Duration PROTECTION_TTL = Duration.ofMinutes(10);
  static final Duration SUBSCRIPTION_TTL = Duration.ofHours(2);

  private final Shield shield;
  private final ExpiringCache<String, Optional<Protection>> protections =
      new ExpiringCache<>(PROTECTION_TTL);
  private final ExpiringCache<String, Boolean> subscription = new ExpiringCache<>(SUBSCRIPTION_TTL);

  public ShieldProtections(Shield shield) {
    this.shield = shield;
  }

  boolean subscribed() {
    return subscription
        .get("state")
        .orElseGet(
            () -> {
              boolean active = shield.describeSubscriptionActive();
              subscription.put("state", active);
              return active;
            });
  }

  Optional<Protection> current(String resourceArn) {
    return protections
        .get(resourceArn)
        .orElseGet(
            () -> {
              Optional<Protection> found = shield.findProtection(resourceArn);
              protections.put(resourceArn, found);
              return found;
            });
  }

  String create(String resourceArn, String name, Map<String, String> tags) {
    protections.invalidate(resourceArn);
    String id = shield.createProtection(resourceArn, name, tags);
    protections.put(resourceArn, Optional.of(new Protection(id, name, resourceArn)));
    return id;
  }

  void delete(String resourceArn, String protectionId) {
    protections.invalidate(resourceArn);
    shield.deleteProtection(protectionId);
    protections.put(resourceArn, Optional.empty());
  }
}
