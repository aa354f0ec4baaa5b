package io.lbc.webhook.elbv2;

import io.lbc.aws.elbv2.AssumedRoles;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Target groups by ARN, shared by the TargetGroupBinding webhooks so that creating a binding costs
 * one DescribeTargetGroups, not one per webhook. What they read (target type, protocol, VPC,
 * address type) can never change on a target group, so the time limit only bounds how long a
 * deleted one is remembered. Lookups by name always ask AWS: a name can be reused.
 */
public final class TargetGroupCache {
  private final Elbv2 elbv2;
  private final Clock clock;
  private final Duration ttl;
  private final int maxEntries;
  private final Map<String, Entry> byArn;
  private final AssumedRoles roles;
  private final Map<String, TargetGroupCache> byRole =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Entry(TargetGroup targetGroup, Instant expires) {}

  public TargetGroupCache(Elbv2 elbv2, Clock clock, Duration ttl, int maxEntries) {
    this(elbv2, clock, ttl, maxEntries, AssumedRoles.none());
  }

  /**
   * @param roles ELBv2 as the role a cross-account binding names
   */
  public TargetGroupCache(
      Elbv2 elbv2, Clock clock, Duration ttl, int maxEntries, AssumedRoles roles) {
    this.roles = roles;
    this.elbv2 = elbv2;
    this.clock = clock;
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.byArn =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > TargetGroupCache.this.maxEntries;
          }
        };
  }

  public static TargetGroupCache standard(Elbv2 elbv2) {
    return standard(elbv2, AssumedRoles.none());
  }

  public static TargetGroupCache standard(Elbv2 elbv2, AssumedRoles roles) {
    return new TargetGroupCache(elbv2, Clock.systemUTC(), Duration.ofMinutes(1), 512, roles);
  }

  /**
   * The target groups as the role sees them (a cross-account binding), or these when no role is
   * given.
   */
  public TargetGroupCache as(String roleArn, String externalId) {
    if (roleArn == null || roleArn.isBlank()) {
      return this;
    }
    String id = externalId == null ? "" : externalId;
    return byRole.computeIfAbsent(
        roleArn + "\n" + id,
        k -> new TargetGroupCache(roles.elbv2(roleArn, id), clock, ttl, maxEntries));
  }

  public Optional<TargetGroup> byArn(String arn) {
    synchronized (byArn) {
      Entry entry = byArn.get(arn);
      if (entry != null && clock.instant().isBefore(entry.expires())) {
        return Optional.of(entry.targetGroup());
      }
    }
    return remember(elbv2.describeTargetGroup(arn));
  }

  public Optional<TargetGroup> byName(String name) {
    return remember(elbv2.describeTargetGroupByName(name));
  }

  private Optional<TargetGroup> remember(Optional<TargetGroup> found) {
    found.ifPresent(
        tg -> {
          synchronized (byArn) {
            byArn.put(tg.arn(), new Entry(tg, clock.instant().plus(ttl)));
          }
        });
    return found;
  }
}
