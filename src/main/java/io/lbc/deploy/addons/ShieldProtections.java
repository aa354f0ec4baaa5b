package io.lbc.deploy.addons;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.shield.Protection;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.shield.ShieldSubscription;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Shield Advanced protections by resource ARN, cached for 10 minutes (the reference's time) and
 * updated on our own writes, and the shared subscription state.
 */
public final class ShieldProtections {
  static final Duration PROTECTION_TTL = Duration.ofMinutes(10);

  private final Shield shield;
  private final ShieldSubscription subscription;
  private final ExpiringCache<String, Optional<Protection>> protections =
      new ExpiringCache<>(PROTECTION_TTL);

  public ShieldProtections(Shield shield, ShieldSubscription subscription) {
    this.shield = shield;
    this.subscription = subscription;
  }

  boolean subscribed() {
    return subscription.active();
  }

  Optional<Protection> current(String resourceArn) {
    return protections.getOrLoad(resourceArn, () -> shield.findProtection(resourceArn));
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
