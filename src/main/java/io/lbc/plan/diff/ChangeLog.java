package io.lbc.plan.diff;

import io.lbc.plan.diff.PlannedChange.Action;
import io.lbc.plan.diff.PlannedChange.FieldChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one dry-run deploy, one entry per resource: several writes to one resource (its
 * attributes, then its tags) are one modify; a modify of a resource the plan creates or deletes is
 * part of that create or delete.
 */
public final class ChangeLog {
  private final Map<String, PlannedChange> byResource = new LinkedHashMap<>();

  public void create(String kind, String name, List<FieldChange> fields) {
    byResource.put(key(kind, name), new PlannedChange(Action.CREATE, kind, name, fields));
  }

  public void delete(String kind, String name) {
    byResource.put(key(kind, name), new PlannedChange(Action.DELETE, kind, name, List.of()));
  }

  /** A modify; fields whose old and new values are equal are left out, and nothing if none. */
  public void modify(String kind, String name, List<FieldChange> fields) {
    List<FieldChange> changed =
        fields.stream().filter(f -> !java.util.Objects.equals(f.before(), f.after())).toList();
    if (changed.isEmpty()) {
      return;
    }
    PlannedChange known = byResource.get(key(kind, name));
    if (known != null && known.action() != Action.MODIFY) {
      return;
    }
    var all = new ArrayList<FieldChange>(known == null ? List.of() : known.fields());
    all.addAll(changed);
    byResource.put(key(kind, name), new PlannedChange(Action.MODIFY, kind, name, all));
  }

  public List<PlannedChange> changes() {
    return List.copyOf(byResource.values());
  }

  private static String key(String kind, String name) {
    return kind + "\u0000" + name;
  }
}
