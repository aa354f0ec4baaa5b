package io.lbc.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the controller last achieved for a binding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetGroupBindingStatus {
  /** The generation of the spec that was last reconciled successfully. */
  public Long observedGeneration;

  /** A {@code Ready} condition. */
  public List<Condition> conditions = new ArrayList<>();
}
