package io.lbc.targets;

import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimNode;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.k8s.cache.SlimService;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes state the engine reads: the shared cache's own records ({@code io.lbc.k8s.cache}),
 * which hold only the fields it uses; no full fabric8 object is made. Reading it never calls the
 * apiserver.
 */
public interface ClusterView {
  Optional<SlimService> service(String namespace, String name);

  /** The slices labelled {@code kubernetes.io/service-name=<serviceName>} in the namespace. */
  List<SlimEndpointSlice> endpointSlices(String namespace, String serviceName);

  Optional<SlimPod> pod(String namespace, String name);

  List<SlimPod> pods(String namespace);

  List<SlimNode> nodes();

  /** Every binding the controller watches. */
  List<TargetGroupBinding> bindings();
}
