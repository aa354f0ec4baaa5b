package io.lbc.plan.diff;

import io.lbc.plan.diff.PlannedChange.Action;
import java.util.List;
import java.util.Optional;

/**
 * What deploying one stack would change in AWS.
 *
 * @param kind {@code Ingress group} or {@code Service}
 * @param name the group's or Service's name
 * @param changes one entry per resource that would be created, modified or deleted
 * @param unchanged resources of the stack that would stay as they are
 * @param error why the stack would not be deployed at all (then there are no changes)
 * @param leftOut members left out of the stack for their own bad input, one line each
 * @param notes what the plan did not compare, and what the configuration does not apply
 */
public record StackDiff(
    String kind,
    String name,
    List<PlannedChange> changes,
    int unchanged,
    Optional<String> error,
    List<String> leftOut,
    List<String> notes) {

  /** A stack that would not be deployed at all. */
  public static StackDiff failed(String kind, String name, String error, List<String> leftOut) {
    return new StackDiff(kind, name, List.of(), 0, Optional.of(error), leftOut, List.of());
  }

  /** This diff with more lines about members left out and more notes. */
  public StackDiff with(List<String> moreLeftOut, List<String> moreNotes) {
    var allLeftOut = new java.util.ArrayList<>(leftOut);
    allLeftOut.addAll(moreLeftOut);
    var allNotes = new java.util.ArrayList<>(notes);
    allNotes.addAll(moreNotes);
    return new StackDiff(kind, name, changes, unchanged, error, allLeftOut, allNotes);
  }

  /** Whether the plan found something a user must fix. */
  public boolean hasErrors() {
    return error.isPresent() || !leftOut.isEmpty();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  public boolean changesSomething() {
    return !changes.isEmpty();
  }
}
