package io.lbc.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The targets a binding's Service offers right now, by readiness.
 *
 * @param ready ready endpoints (or eligible nodes), and endpoints held back only by our readiness
 *     gate: these are registered
 * @param notReady present, not terminating, but failing their probes: never registered, but kept
 *     registered by the fail-safe when nothing at all is ready
 * @param terminating endpoints on their way out: deregistered first
 */
public record ResolvedTargets(
    List<DesiredTarget> ready, List<DesiredTarget> notReady, List<DesiredTarget> terminating) {

  public static ResolvedTargets empty() {
    return new ResolvedTargets(List.of(), List.of(), List.of());
  }

  /** Every target that is not on its way out: the ones our security group rules must admit. */
  public List<DesiredTarget> live() {
    var all = new ArrayList<>(ready);
    all.addAll(notReady);
    return all;
  }

  public Stream<DesiredTarget> all() {
    return Stream.of(ready, notReady, terminating).flatMap(List::stream);
  }
}
