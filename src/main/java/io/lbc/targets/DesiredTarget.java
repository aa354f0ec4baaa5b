package io.lbc.targets;

import io.lbc.aws.elbv2.Target;
import java.time.Instant;

/**
 * A target the cluster offers: a pod endpoint (IP mode) or a node (instance mode).
 *
 * @param pod the pod behind an IP target, null for instance targets or endpoints without a pod
 * @param readySince when the endpoint became ready, from the pod's or node's condition; null when
 *     unknown
 */
public record DesiredTarget(Target target, PodRef pod, Instant readySince) {
  public TargetKey key() {
    return TargetKey.of(target);
  }

  /** A pod by namespace and name. */
  public record PodRef(String namespace, String name) {}
}
