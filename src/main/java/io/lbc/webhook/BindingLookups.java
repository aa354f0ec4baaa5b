package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.Service;
import io.lbc.k8s.TargetGroupBinding;
import java.util.List;
import java.util.Optional;

/** What the TargetGroupBinding validator and the pod mutator read, from informer caches. */
public interface BindingLookups {
  /** Every binding in the cluster whose {@code spec.targetGroupARN} is {@code arn}. */
  List<TargetGroupBinding> bindingsOfTargetGroup(String arn);

  List<TargetGroupBinding> bindingsIn(String namespace);

  Optional<Service> service(String namespace, String name);
}
