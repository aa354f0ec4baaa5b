package io.lbc.ingress;

import io.lbc.model.LoadBalancerScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The load balancer and listener settings one member asks for; merged across the group by {@link
 * GroupSettingsMerger}.
 *
 * @param loadBalancerAttributes from the annotation
 * @param classLoadBalancerAttributes from IngressClassParams; these win per key
 * @param tags the member's user tags: IngressClassParams tags over annotation tags
 * @param minimumCapacityUnits the capacity reservation asked for ({@link LoadBalancerExtrasReader})
 * @param ipv4IpamPool the IPv4 IPAM pool asked for ({@link LoadBalancerExtrasReader})
 */
record MemberSettings(
    Optional<Setting<LoadBalancerScheme>> scheme,
    Optional<Setting<String>> ipAddressType,
    Optional<Setting<String>> loadBalancerName,
    Optional<Setting<SubnetChoice>> subnets,
    Optional<Setting<List<String>>> securityGroups,
    Optional<Setting<Boolean>> manageBackendSecurityGroupRules,
    Optional<Setting<String>> customerOwnedIpv4Pool,
    Optional<Setting<Integer>> sslRedirectPort,
    Map<String, String> loadBalancerAttributes,
    Map<String, String> classLoadBalancerAttributes,
    Map<String, String> tags,
    SortedMap<Integer, PortConfig> ports,
    Optional<Setting<Integer>> minimumCapacityUnits,
    Optional<Setting<String>> ipv4IpamPool) {}
