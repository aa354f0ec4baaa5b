package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;

/**
 * The one target of a frontend NLB target group: the group's ALB, registered by its ARN on one of
 * its listener ports. The resource id is the target group's.
 *
 * @param targetGroupARN the {@code alb} target group of the frontend NLB
 * @param loadBalancerARN the ALB to register
 * @param port the NLB listener port the target group serves
 * @param targetPort the ALB listener port the NLB forwards to
 */
public record FrontendNlbTargetSpec(
    Token targetGroupARN, Token loadBalancerARN, int port, int targetPort) implements ResourceSpec {

  @Override
  public ResourceType resourceType() {
    return ResourceType.FRONTEND_NLB_TARGET_GROUP;
  }
}
