package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A {@code {key, value}} attribute (load balancer, listener and target group attributes). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyValue {
  @Required public String key;
  @Required public String value;

  public KeyValue() {}

  public KeyValue(String key, String value) {
    this.key = key;
    this.value = value;
  }
}
