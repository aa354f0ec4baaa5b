package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.TagSync;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the tags of an ELBv2 resource equal to the desired ones, through the tag cache. */
public final class ElbTags {
  private static final Logger log = LoggerFactory.getLogger(ElbTags.class);

  private final Elbv2 elbv2;
  private final ElbTagCache cache;
  private final boolean enabled;

  public ElbTags(Elbv2 elbv2, ElbTagCache cache) {
    this(elbv2, cache, true);
  }

  private ElbTags(Elbv2 elbv2, ElbTagCache cache, boolean enabled) {
    this.elbv2 = elbv2;
    this.cache = cache;
    this.enabled = enabled;
  }

  /**
   * These tags, or none at all when {@code enabled} is false: resources created untagged, whose
   * tags are never read nor written ({@code ListenerRulesTagging=false} for listeners and rules).
   */
  public ElbTags enabledIf(boolean enabled) {
    return enabled == this.enabled ? this : new ElbTags(elbv2, cache, enabled);
  }

  /** The tags to create a resource with. */
  Map<String, String> onCreate(Map<String, String> desired) {
    return enabled ? desired : Map.of();
  }

  void sync(
      DeployContext context,
      String type,
      String resourceId,
      String arn,
      Map<String, String> desired) {
    if (!enabled) {
      return;
    }
    Map<String, String> actual = cache.tags(List.of(arn)).getOrDefault(arn, Map.of());
    TagSync sync = TagSync.between(desired, actual, context.externalManagedTags());
    if (sync.isEmpty()) {
      return;
    }
    var updated = new LinkedHashMap<>(actual);
    if (!sync.toAdd().isEmpty()) {
      context.logWrite(log, "tagging", type, resourceId, arn);
      elbv2.addTags(arn, sync.toAdd());
      updated.putAll(sync.toAdd());
    }
    if (!sync.toRemove().isEmpty()) {
      context.logWrite(log, "untagging", type, resourceId, arn);
      elbv2.removeTags(arn, sync.toRemove());
      sync.toRemove().forEach(updated::remove);
    }
    cache.put(arn, updated);
  }

  /**
   * Reads the tags of many resources into the cache at once (20 per DescribeTags), so that the
   * {@link #sync} of each one that follows reads no more.
   */
  void prefetch(Collection<String> arns) {
    if (enabled && !arns.isEmpty()) {
      cache.tags(arns);
    }
  }

  /** The tags a resource has now, as cached. */
  Map<String, String> current(String arn) {
    if (!enabled) {
      return Map.of();
    }
    return cache.tags(List.of(arn)).getOrDefault(arn, Map.of());
  }

  void forget(String arn) {
    cache.forget(arn);
  }

  /** Records the tags a resource was just created with. */
  void created(String arn, Map<String, String> tags) {
    if (enabled) {
      cache.put(arn, tags);
    }
  }
}
