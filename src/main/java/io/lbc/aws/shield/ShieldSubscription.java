package io.lbc.aws.shield;

import io.lbc.aws.ExpiringCache;
import java.time.Duration;

/**
 * Whether Shield Advanced is subscribed, asked at most every 2 hours (the reference's time); one
 * instance is shared by the model builder and the deployer.
 */
public final class ShieldSubscription {
  static final Duration TTL = Duration.ofHours(2);

  private final Shield shield;
  private final ExpiringCache<String, Boolean> state = new ExpiringCache<>(TTL);

  public ShieldSubscription(Shield shield) {
    this.shield = shield;
  }

  public boolean active() {
    return state.getOrLoad("state", shield::describeSubscriptionActive);
  }
}
