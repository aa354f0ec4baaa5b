package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Whether the configuration is usable, and why not (gateway-spec §2.4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ListenerRuleConfigurationStatus {
  public Long observedGeneration;
  public Boolean accepted;
  public String message;
}
