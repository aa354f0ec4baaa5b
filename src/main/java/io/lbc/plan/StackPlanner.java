package io.lbc.plan;

import io.lbc.k8s.ManifestClusterView;
import java.util.List;
import java.util.Map;

/**
 * One kind of stack {@code plan} builds from manifests (IngressGroups now; Services can sit next to
 * it). Building only reads AWS.
 */
public interface StackPlanner {
  /** The key of this planner's part of the output, e.g. {@code ingressGroups}. */
  String section();

  /** One JSON-ready entry per stack found in the manifests. */
  List<Map<String, Object>> plan(ManifestClusterView manifests);
}
