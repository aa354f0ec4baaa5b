package io.lbc.networking;

import io.lbc.model.LoadBalancerScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a load balancer needs from its subnets.
 *
 * @param field the annotation or field to name in errors, e.g. {@code
 *     alb.ingress.kubernetes.io/subnets}
 * @param application true for an ALB (two zones needed unless ALBSingleSubnet), false for an NLB
 * @param explicit subnet IDs or Name tag values the user gave, if any
 * @param tagSelector IngressClassParams {@code subnets.tags}: each key must have one of the values
 * @param existingSubnetIds subnets of the stack's existing load balancer when its scheme is the
 *     same; reused instead of discovering again
 */
public record SubnetRequest(
    String field,
    LoadBalancerScheme scheme,
    boolean application,
    boolean requiresIpv6,
    Optional<List<String>> explicit,
    Optional<Map<String, List<String>>> tagSelector,
    List<String> existingSubnetIds) {}
