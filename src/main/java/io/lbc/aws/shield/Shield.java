package io.lbc.aws.shield;

import java.util.Map;
import java.util.Optional;

/** The Shield Advanced operations the controller uses. */
public interface Shield {
  /** Whether the account's Shield Advanced subscription is active (GetSubscriptionState). */
  boolean describeSubscriptionActive();

  /** The protection of the resource, if any (DescribeProtection by resource ARN). */
  Optional<Protection> findProtection(String resourceArn);

  /**
   * Protects the resource; the tags are set at creation.
   *
   * @return the protection's ID
   */
  String createProtection(String resourceArn, String name, Map<String, String> tags);

  /** Deletes the protection; one that is gone already counts as deleted. */
  void deleteProtection(String protectionId);
}
