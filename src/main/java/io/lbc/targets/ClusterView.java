package io.lbc.targets;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.lbc.k8s.TargetGroupBinding;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes state the engine reads, from the controller's informer caches (trimmed to the
 * fields it uses). Reading it never calls the apiserver.
 */
public interface ClusterView {
  Optional<Service> service(String namespace, String name);

  /** The slices labelled {@code kubernetes.io/service-name=<serviceName>} in the namespace. */
  List<EndpointSlice> endpointSlices(String namespace, String serviceName);

  Optional<Pod> pod(String namespace, String name);

  List<Pod> pods(String namespace);

  List<Node> nodes();

  /** Every binding the controller watches. */
  List<TargetGroupBinding> bindings();
}
