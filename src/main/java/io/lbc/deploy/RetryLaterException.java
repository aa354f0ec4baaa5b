package io.lbc.deploy;

import java.time.Duration;

/**
 * An expected wait, not a failure: e.g. a security group still held by a load balancer's network
 * interfaces for a few minutes after the load balancer is gone. The reconciler requeues after
 * {@link #after()} without logging an error.
 */
public class RetryLaterException extends RuntimeException {
  private final Duration after;

  public RetryLaterException(String reason, Duration after) {
    super(reason);
    this.after = after;
  }

  public Duration after() {
    return after;
  }
}
