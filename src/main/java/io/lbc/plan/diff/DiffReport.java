package io.lbc.plan.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lbc.plan.diff.PlannedChange.Action;
import io.lbc.plan.diff.PlannedChange.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The diffs of every stack in a plan, as text for people and as JSON for machines. */
public record DiffReport(List<StackDiff> stacks) {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  public long count(Action action) {
    return stacks.stream().mapToLong(s -> s.count(action)).sum();
  }

  public int unchanged() {
    return stacks.stream().mapToInt(StackDiff::unchanged).sum();
  }

  public boolean changesSomething() {
    return stacks.stream().anyMatch(StackDiff::changesSomething);
  }

  public boolean hasErrors() {
    return stacks.stream().anyMatch(StackDiff::hasErrors);
  }

  /** {@code terraform plan -detailed-exitcode}'s codes: 1 error, 2 changes, 0 nothing to do. */
  public int exitCode() {
    if (hasErrors()) {
      return 1;
    }
    return changesSomething() ? 2 : 0;
  }

  public String summary() {
    return "Plan: "
        + count(Action.CREATE)
        + " to create, "
        + count(Action.MODIFY)
        + " to modify, "
        + count(Action.DELETE)
        + " to delete, "
        + unchanged()
        + " unchanged.";
  }

  public String text() {
    var out = new StringBuilder();
    for (StackDiff stack : stacks) {
      out.append(stack.kind()).append(' ').append(stack.name()).append('\n');
      stack.error().ifPresent(e -> out.append("  ! not deployed: ").append(e).append('\n'));
      stack.leftOut().forEach(line -> out.append("  ! ").append(line).append('\n'));
      for (PlannedChange change : stack.changes()) {
        out.append("  ")
            .append(change.action().symbol())
            .append(' ')
            .append(change.kind())
            .append(' ')
            .append(change.name())
            .append('\n');
        for (FieldChange field : change.fields()) {
          out.append("      ")
              .append(field.field())
              .append(": ")
              .append(values(field))
              .append('\n');
        }
      }
      if (stack.error().isEmpty()) {
        out.append("  = ").append(stack.unchanged()).append(" unchanged\n");
      }
      stack.notes().forEach(note -> out.append("  note: ").append(note).append('\n'));
    }
    out.append(stacks.isEmpty() ? "No stacks in the manifests.\n" : "\n")
        .append(summary())
        .append('\n');
    return out.toString();
  }

  private static String values(FieldChange field) {
    if (field.before() == null) {
      return json(field.after());
    }
    return json(field.before()) + " → " + (field.after() == null ? "(none)" : json(field.after()));
  }

  /** {@code {"stacks": [...], "summary": {...}}}. */
  public String json() {
    var root = new LinkedHashMap<String, Object>();
    root.put(
        "stacks",
        stacks.stream()
            .map(
                stack -> {
                  var entry = new LinkedHashMap<String, Object>();
                  entry.put("kind", stack.kind());
                  entry.put("name", stack.name());
                  stack.error().ifPresent(e -> entry.put("error", e));
                  entry.put("leftOut", stack.leftOut());
                  entry.put("changes", stack.changes().stream().map(DiffReport::change).toList());
                  entry.put("unchanged", stack.unchanged());
                  entry.put("notes", stack.notes());
                  return entry;
                })
            .toList());
    var summary = new LinkedHashMap<String, Object>();
    for (Action action : Action.values()) {
      summary.put(action.name().toLowerCase(Locale.ROOT), count(action));
    }
    summary.put("unchanged", unchanged());
    root.put("summary", summary);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> change(PlannedChange change) {
    var entry = new LinkedHashMap<String, Object>();
    entry.put("action", change.action().name().toLowerCase(Locale.ROOT));
    entry.put("kind", change.kind());
    entry.put("name", change.name());
    entry.put(
        "fields",
        change.fields().stream()
            .map(
                f -> {
                  var field = new LinkedHashMap<String, Object>();
                  field.put("field", f.field());
                  field.put("before", f.before());
                  field.put("after", f.after());
                  return field;
                })
            .toList());
    return entry;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
