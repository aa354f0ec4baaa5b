package io.lbc.deploy;

import io.lbc.model.elbv2.Attribute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attributes to modify: only the keys the user asked for, and only those that differ. */
public final class AttributeSync {
  private AttributeSync() {}

  public static Map<String, String> changes(List<Attribute> desired, Map<String, String> actual) {
    var changes = new LinkedHashMap<String, String>();
    if (desired == null) {
      return changes;
    }
    for (Attribute attribute : desired) {
      if (!attribute.value().equals(actual.get(attribute.key()))) {
        changes.put(attribute.key(), attribute.value());
      }
    }
    return changes;
  }
}
