package io.lbc.ingress;

import io.lbc.aws.elbv2.Elbv2;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds trust store ARNs by name for {@code mutual-authentication} (compat-spec §1.3 #25).
 * Read-only; a name found is cached for ten minutes like the reference, so a no-op reconcile asks
 * AWS nothing.
 */
public final class TrustStoreLookup {
  static final Duration TTL = Duration.ofMinutes(10);

  private record Cached(String arn, Instant expires) {}

  private final Function<Collection<String>, Map<String, String>> describe;
  private final Clock clock;
  private final Map<String, Cached> arnByName = new ConcurrentHashMap<>();

  public TrustStoreLookup(Elbv2 elbv2) {
    this(elbv2::describeTrustStoreArns, Clock.systemUTC());
  }

  /**
   * @param describe DescribeTrustStores by names: the ARN of each name found
   */
  TrustStoreLookup(Function<Collection<String>, Map<String, String>> describe, Clock clock) {
    this.describe = describe;
    this.clock = clock;
  }

  /** The ARN of each name that names a trust store; names of none are left out. */
  public Map<String, String> arns(Collection<String> names) {
    Instant now = clock.instant();
    var result = new LinkedHashMap<String, String>();
    var unknown = new ArrayList<String>();
    for (String name : names) {
      Cached cached = arnByName.get(name);
      if (cached != null && now.isBefore(cached.expires())) {
        result.put(name, cached.arn());
      } else if (!unknown.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      describe
          .apply(unknown)
          .forEach(
              (name, arn) -> {
                arnByName.put(name, new Cached(arn, now.plus(TTL)));
                result.put(name, arn);
              });
    }
    return result;
  }
}
