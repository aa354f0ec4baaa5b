package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import java.util.List;

/** Accepted/Programmed of the ListenerSet and the per-listener status, as on a Gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ListenerSetStatus {
  public List<Condition> conditions;
  public List<ListenerStatus> listeners;
}
