package io.lbc.ingress;

import io.lbc.model.elbv2.TargetGroupSpec;
import java.util.Map;

/**
 * A target group one member needs, and what its TargetGroupBinding will carry.
 *
 * @param servicePort the Service port as the Ingress writes it (Integer or String)
 * @param targetPort what targets listen on: the NodePort for instance targets, else the Service's
 *     target port (Integer or a port name)
 * @param healthCheckPort a numeric health check port other than the traffic port, or null
 * @param nodeSelector {@code target-node-labels}, instance targets only; null when unset
 */
record TargetGroupPlan(
    String id,
    TargetGroupSpec spec,
    String serviceNamespace,
    String serviceName,
    Object servicePort,
    Object targetPort,
    Integer healthCheckPort,
    Map<String, String> nodeSelector,
    boolean multiCluster) {}
