package io.lbc.deploy;

import io.lbc.aws.elbv2.Elbv2;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tags of ELBv2 resources by ARN, cached: tags of load balancers and target groups change only when
 * someone writes them, and this controller updates the cache on its own writes (pain #2:
 * DescribeTags dominated the reference's call volume). Entries expire after a while to notice
 * others' writes.
 */
public final class ElbTagCache {
  static final Duration TTL = Duration.ofMinutes(20);

  private record Entry(Map<String, String> tags, Instant fetchedAt) {}

  private final Elbv2 elbv2;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public ElbTagCache(Elbv2 elbv2) {
    this(elbv2, Clock.systemUTC());
  }

  ElbTagCache(Elbv2 elbv2, Clock clock) {
    this.elbv2 = elbv2;
    this.clock = clock;
  }

  /** Tags of every ARN; only ARNs not cached (or expired) are described, 20 per call. */
  public Map<String, Map<String, String>> tags(Collection<String> arns) {
    Instant now = clock.instant();
    var missing = new ArrayList<String>();
    for (String arn : arns) {
      Entry entry = cache.get(arn);
      if (entry == null || entry.fetchedAt().plus(TTL).isBefore(now)) {
        missing.add(arn);
      }
    }
    if (!missing.isEmpty()) {
      elbv2
          .describeTags(missing)
          .forEach((arn, tags) -> cache.put(arn, new Entry(Map.copyOf(tags), now)));
    }
    var result = new LinkedHashMap<String, Map<String, String>>();
    for (String arn : arns) {
      Entry entry = cache.get(arn);
      result.put(arn, entry == null ? Map.of() : entry.tags());
    }
    return result;
  }

  /** Records tags this controller just wrote (create with tags, AddTags, RemoveTags). */
  public void put(String arn, Map<String, String> tags) {
    cache.put(arn, new Entry(Map.copyOf(tags), clock.instant()));
  }

  public void forget(String arn) {
    cache.remove(arn);
  }
}
