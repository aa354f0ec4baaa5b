package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.List;

/** The parent Gateway and the listeners a ListenerSet adds to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ListenerSetSpec {
  public ParentGatewayReference parentRef;

  /** The same fields as a Gateway's listeners. */
  public List<Listener> listeners;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ParentGatewayReference {
    public String group;
    public String kind;
    public String name;
    public String namespace;
  }
}
