package io.lbc.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges user tags by precedence (compat-spec §5.2): {@code --default-tags} above every other
 * source, unless the {@code EnableDefaultTagsLowPriority} gate puts them below.
 */
public final class UserTags {
  private UserTags() {}

  /**
   * @param sourcesHighestFirst e.g. IngressClassParams tags, then annotation tags
   */
  public static Map<String, String> merge(
      Map<String, String> defaultTags,
      boolean defaultTagsLowPriority,
      List<Map<String, String>> sourcesHighestFirst) {
    var layers = new ArrayList<Map<String, String>>();
    if (!defaultTagsLowPriority) {
      layers.add(defaultTags);
    }
    layers.addAll(sourcesHighestFirst);
    if (defaultTagsLowPriority) {
      layers.add(defaultTags);
    }
    var merged = new LinkedHashMap<String, String>();
    for (Map<String, String> layer : layers) {
      layer.forEach(merged::putIfAbsent);
    }
    return merged;
  }
}
