package io.lbc.model;

/** The types of resource a stack holds, in the order they are deployed. */
public enum ResourceType {
  ACM_CERTIFICATE("AWS::ACM::Certificate"),
  SECURITY_GROUP("AWS::EC2::SecurityGroup"),
  /**
   * The frontend NLB's ALB targets (the reference's pseudo-resource of that name): registered after
   * everything else exists, deregistered from unwanted target groups before anything is deleted.
   */
  FRONTEND_NLB_TARGET_GROUP("FrontendNLBTargetGroup"),
  TARGET_GROUP("AWS::ElasticLoadBalancingV2::TargetGroup"),
  LOAD_BALANCER("AWS::ElasticLoadBalancingV2::LoadBalancer"),
  LISTENER("AWS::ElasticLoadBalancingV2::Listener"),
  LISTENER_RULE("AWS::ElasticLoadBalancingV2::ListenerRule"),
  CAPACITY_RESERVATION("AWS::ElasticLoadBalancingV2::CapacityReservation"),
  TARGET_GROUP_BINDING("K8S::ElasticLoadBalancingV2::TargetGroupBinding"),
  WAFV2_WEB_ACL_ASSOCIATION("AWS::WAFv2::WebACLAssociation"),
  WAF_REGIONAL_WEB_ACL_ASSOCIATION("AWS::WAFRegional::WebACLAssociation"),
  SHIELD_PROTECTION("AWS::Shield::Protection");

  private final String typeName;

  ResourceType(String typeName) {
    this.typeName = typeName;
  }

  /** The CloudFormation-style name used in the stack JSON and in token pointers. */
  public String typeName() {
    return typeName;
  }

  /** A reference to a status field of the resource of this type with the given id. */
  public Token.Ref ref(String resourceId, String statusField) {
    return Token.Ref.to(typeName, resourceId, statusField);
  }
}
