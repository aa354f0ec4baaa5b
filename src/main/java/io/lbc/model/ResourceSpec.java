package io.lbc.model;

/** The desired state of one resource of a stack. */
public interface ResourceSpec {

  /** The resource type, e.g. {@code AWS::ElasticLoadBalancingV2::LoadBalancer}. */
  ResourceType resourceType();
}
