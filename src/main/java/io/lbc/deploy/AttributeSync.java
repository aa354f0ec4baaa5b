package io.lbc.deploy;

import io.lbc.model.elbv2.Attribute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Attributes to modify: only the keys the user asked for, and only those that differ. */
public final class AttributeSync {
  private AttributeSync() {}

  /**
   * Hands the attributes that differ to {@code modify}, if any. Reads the actual ones only when
   * some are desired: a resource without attribute settings costs no Describe*Attributes call.
   */
  public static void sync(
      List<Attribute> desired,
      Supplier<Map<String, String>> actual,
      Consumer<Map<String, String>> modify) {
    sync(desired, actual, modify, () -> {});
  }

  /** As above; {@code converged} runs when the desired attributes read back as desired. */
  public static void sync(
      List<Attribute> desired,
      Supplier<Map<String, String>> actual,
      Consumer<Map<String, String>> modify,
      Runnable converged) {
    if (desired == null || desired.isEmpty()) {
      return;
    }
    Map<String, String> changes = changes(desired, actual.get());
    if (changes.isEmpty()) {
      converged.run();
    } else {
      modify.accept(changes);
    }
  }

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
