package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.util.List;

/**
 * What building an IngressGroup produced.
 *
 * @param stack the desired state; empty when the group has no members left (deploying it deletes
 *     everything the stack owns)
 * @param built the members whose rules are in the stack, in group order: they get the load
 *     balancer's address in their status
 * @param excluded members left out for their own bad input, each with the error to report; they
 *     keep their finalizer and their last status
 * @param deletionProtected members being deleted whose {@code load-balancer-attributes} enable
 *     deletion protection: kept in the stack, so their finalizer must stay (emit an event)
 * @param deployable false when every member failed: deploy nothing and keep what exists, rather
 *     than tearing the load balancer down over a typo
 * @param notices what built members asked for that the controller's configuration does not apply
 *     (an add-on turned off by its flag): each is told with a Warning event
 */
public record AlbBuildResult(
    Stack stack,
    List<GroupMember> built,
    List<ExcludedMember> excluded,
    List<Ingress> deletionProtected,
    boolean deployable,
    List<MemberNotice> notices) {

  public AlbBuildResult {
    built = List.copyOf(built);
    excluded = List.copyOf(excluded);
    deletionProtected = List.copyOf(deletionProtected);
    notices = List.copyOf(notices);
  }

  /** A result without notices. */
  public AlbBuildResult(
      Stack stack,
      List<GroupMember> built,
      List<ExcludedMember> excluded,
      List<Ingress> deletionProtected,
      boolean deployable) {
    this(stack, built, excluded, deletionProtected, deployable, List.of());
  }

  /** The ALB's listener ports (not a frontend NLB's), ascending, for the members' status. */
  public List<Integer> listenerPorts() {
    var alb = ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    return stack.resources(ResourceType.LISTENER, ListenerSpec.class).stream()
        .filter(r -> alb.equals(r.spec().loadBalancerARN()))
        .map(r -> r.spec().port())
        .sorted()
        .toList();
  }
}
