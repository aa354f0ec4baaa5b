package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.model.StackId;
import java.util.List;

/**
 * One IngressGroup: the unit that owns one ALB.
 *
 * @param members active members in rule order: {@code group.order}, then {@code namespace/name}
 * @param leaving Ingresses that still carry the group's finalizer but are being deleted, no longer
 *     match this controller's class or moved to another group; their finalizer goes once the stack
 *     without them is deployed
 * @param excluded members that could not even be loaded (e.g. a malformed {@code group.order});
 *     they keep the finalizer
 */
public record IngressGroup(
    StackId id, List<GroupMember> members, List<Ingress> leaving, List<ExcludedMember> excluded) {

  public IngressGroup {
    members = List.copyOf(members);
    leaving = List.copyOf(leaving);
    excluded = List.copyOf(excluded);
  }

  /** An explicit group is named by {@code group.name}; an implicit one is a single Ingress. */
  public boolean explicit() {
    return id.namespace().isEmpty();
  }

  /** The finalizer every member carries. */
  public String finalizer() {
    return IngressGroupLoader.finalizer(id);
  }
}
