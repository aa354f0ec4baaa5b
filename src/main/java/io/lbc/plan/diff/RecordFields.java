package io.lbc.plan.diff;

import io.lbc.plan.diff.PlannedChange.FieldChange;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Field-by-field views of the AWS ports' records, for the changes a plan lists. */
final class RecordFields {
  private RecordFields() {}

  /** The record's non-empty components, as the new values of a create (minus {@code skip}). */
  static List<FieldChange> of(Record record, Set<String> skip) {
    var fields = new ArrayList<FieldChange>();
    values(record)
        .forEach(
            (name, value) -> {
              if (!skip.contains(name) && !isEmpty(value)) {
                fields.add(new FieldChange(name, null, value));
              }
            });
    return fields;
  }

  /**
   * The components both records have that differ, named {@code prefix + name}: {@code before} may
   * be a different record type (a {@code Listener} against the {@code ListenerSettings} it is
   * modified with), only the names they share are compared.
   */
  static List<FieldChange> diff(String prefix, Record before, Record after) {
    Map<String, Object> old = before == null ? Map.of() : values(before);
    var fields = new ArrayList<FieldChange>();
    values(after)
        .forEach(
            (name, value) -> {
              if (old.containsKey(name) && !same(old.get(name), value)) {
                fields.add(new FieldChange(prefix + name, old.get(name), value));
              }
            });
    return fields;
  }

  /** One field per key whose value changes: {@code prefix + key}. */
  static List<FieldChange> diff(
      String prefix, Map<String, String> before, Map<String, String> after) {
    var fields = new ArrayList<FieldChange>();
    after.forEach(
        (key, value) -> {
          if (!Objects.equals(before.get(key), value)) {
            fields.add(new FieldChange(prefix + key, before.get(key), value));
          }
        });
    return fields;
  }

  private static boolean same(Object a, Object b) {
    return Objects.equals(a, b) || (isEmpty(a) && isEmpty(b));
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || (value instanceof Collection<?> c && c.isEmpty())
        || (value instanceof Map<?, ?> m && m.isEmpty())
        || (value instanceof String s && s.isEmpty());
  }

  private static Map<String, Object> values(Record record) {
    var values = new LinkedHashMap<String, Object>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        values.put(component.getName(), component.getAccessor().invoke(record));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }
    return values;
  }
}
