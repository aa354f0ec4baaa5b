package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.ingress.GroupMember;
import io.lbc.ingress.IngressGroup;
import io.lbc.k8s.ClusterView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@link StackCheckpoints} of one IngressGroup: its inputs are its members (as they are, with
 * their IngressClassParams and their recorded last good version) and the objects its build read.
 */
final class GroupCheckpoint {
  private final StackCheckpoints checkpoints;
  private final StackInputs inputs;
  private final LastGoodVersions lastGood;

  GroupCheckpoint(StackCheckpoints checkpoints, StackInputs inputs, LastGoodVersions lastGood) {
    this.checkpoints = checkpoints;
    this.inputs = inputs;
    this.lastGood = lastGood;
  }

  /**
   * Whether AWS is known to match the group as it is now: no member is leaving or lacks the
   * finalizer, and the checkpoint all members carry has the digest of their inputs read again now.
   */
  boolean unchanged(IngressGroup group, ClusterView view) {
    if (!group.leaving().isEmpty()
        || owners(group).stream().anyMatch(i -> !Finalizers.has(i, group.finalizer()))) {
      return false;
    }
    return checkpoints
        .current(owners(group))
        .flatMap(
            c ->
                RecordingClusterView.replay(view, c.reads())
                    .map(reads -> digest(group, reads).digest().equals(c.digest())))
        .orElse(false);
  }

  /** Before AWS is changed: a checkpoint for other inputs must not outlive a half-done deploy. */
  void beforeDeploy(IngressGroup group, Map<String, String> reads) {
    checkpoints.invalidate(owners(group), digest(group, reads).digest());
  }

  /** After a deploy that left AWS matching the group. */
  void settled(IngressGroup group, Map<String, String> reads) {
    checkpoints.save(owners(group), digest(group, reads));
  }

  void forget(Ingress member) {
    checkpoints.forget(member);
  }

  StackInputs.Digest digest(IngressGroup group, Map<String, String> reads) {
    var parts = new ArrayList<String>();
    parts.add("group=" + group.id().value());
    for (GroupMember member : group.members()) {
      parts.add(
          "member="
              + StackInputs.of(member.ingress())
              + " params="
              + StackInputs.of(member.classParams())
              + " lastGood="
              + lastGood.recordOf(member.ingress()));
    }
    group
        .excluded()
        .forEach(
            e ->
                parts.add(
                    "unloaded="
                        + StackInputs.of(e.ingress())
                        + " lastGood="
                        + lastGood.recordOf(e.ingress())));
    return inputs.digest(StackInputs.sorted(parts), reads);
  }

  private static List<Ingress> owners(IngressGroup group) {
    return Stream.concat(
            group.members().stream().map(GroupMember::ingress),
            group.excluded().stream().map(e -> e.ingress()))
        .toList();
  }
}
