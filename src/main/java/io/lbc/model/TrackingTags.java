package io.lbc.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference controller's ownership contract (compat-spec §5.2): every AWS resource a stack
 * creates carries the cluster tag, the stack tag and the resource-id tag from creation on, and
 * these always win over user tags. TargetGroupBinding objects carry the stack as labels instead.
 */
public final class TrackingTags {
  public static final String CLUSTER = "elbv2.k8s.aws/cluster";

  /** Marks the cluster's shared backend security group (no stack tag). */
  public static final String RESOURCE = "elbv2.k8s.aws/resource";

  private TrackingTags() {}

  public static String stackKey(StackKind kind) {
    return kind.tagPrefix() + "/stack";
  }

  public static String resourceKey(StackKind kind) {
    return kind.tagPrefix() + "/resource";
  }

  /** Cluster and stack tags: what identifies every resource of the stack. */
  public static Map<String, String> forStack(String clusterName, StackId stack) {
    var tags = new LinkedHashMap<String, String>();
    tags.put(CLUSTER, clusterName);
    tags.put(stackKey(stack.kind()), stack.value());
    return tags;
  }

  /** Cluster, stack and resource-id tags. */
  public static Map<String, String> forResource(
      String clusterName, StackId stack, String resourceId) {
    var tags = forStack(clusterName, stack);
    tags.put(resourceKey(stack.kind()), resourceId);
    return tags;
  }

  /** Tracking tags first (they win), then the user's tags. */
  public static Map<String, String> withUserTags(
      Map<String, String> tracking, Map<String, String> userTags) {
    var tags = new LinkedHashMap<String, String>(userTags);
    tags.putAll(tracking);
    return tags;
  }

  /**
   * Labels of the stack's TargetGroupBinding objects: {@code <prefix>/stack-namespace} and {@code
   * <prefix>/stack-name} for a namespaced stack, {@code <prefix>/stack} for an explicit group.
   */
  public static Map<String, String> bindingLabels(StackId stack) {
    var labels = new LinkedHashMap<String, String>();
    String prefix = stack.kind().tagPrefix();
    if (stack.namespace().isPresent()) {
      labels.put(prefix + "/stack-namespace", stack.namespace().get());
      labels.put(prefix + "/stack-name", stack.name());
    } else {
      labels.put(prefix + "/stack", stack.value());
    }
    return labels;
  }
}
