package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Declared by the reference and never written by it (gateway-spec §2.4); kept for the schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerConfigurationStatus {
  public Long observedGatewayConfigurationGeneration;
  public Long observedGatewayClassConfigurationGeneration;
}
