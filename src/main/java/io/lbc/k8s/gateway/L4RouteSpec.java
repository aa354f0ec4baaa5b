package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;

/**
 * The spec of the v1 TCPRoute, UDPRoute and TLSRoute of Gateway API v1.6 (fabric8's model has only
 * their alpha versions). {@code hostnames} exists on TLSRoute only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class L4RouteSpec {
  public List<ParentReference> parentRefs;
  public List<String> hostnames;
  public List<Rule> rules;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Rule {
    public String name;
    public List<BackendRef> backendRefs;
  }
}
