package io.lbc.plan;

import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.Stack;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of stack {@code plan} builds from manifests (IngressGroups, Services). Building only
 * reads AWS.
 */
public interface StackPlanner {
  /** The key of this planner's part of the output, e.g. {@code ingressGroups}. */
  String section();

  /** One JSON-ready entry per stack found in the manifests: {@code plan -o stack}. */
  List<Map<String, Object>> plan(ManifestClusterView manifests);

  /** One entry per stack found in the manifests, for the diff against AWS. */
  List<PlannedStack> stacks(ManifestClusterView manifests);

  /**
   * A stack a planner built.
   *
   * @param kind {@code Ingress group} or {@code Service}
   * @param stack what would be deployed; empty when nothing would be (see {@code error})
   * @param error why nothing of this stack would be deployed
   * @param leftOut members left out for their own bad input, one line each
   * @param notices what built members asked for that the configuration does not apply
   */
  record PlannedStack(
      String kind,
      String name,
      Optional<Stack> stack,
      Optional<String> error,
      List<String> leftOut,
      List<String> notices) {}
}
