package io.lbc.gateway.l4;

import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ReferenceGrant;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one NLB Gateway's build reads from the cluster and from AWS.
 *
 * @param routes every TCPRoute, UDPRoute and TLSRoute of the cluster (the builder keeps those whose
 *     parentRefs name this Gateway)
 * @param services Services by {@code namespace/name}
 * @param namespaceLabels labels of every Namespace, by name (for {@code from: Selector})
 * @param existing the stack's NLB, if it has one (its subnets are kept for the same scheme)
 * @param configuration the GatewayClass's and the Gateway's LoadBalancerConfiguration, merged
 * @param targetGroupConfigurations every TargetGroupConfiguration of the cluster
 * @param listenerSets every ListenerSet (none when the GatewayListenerSet gate is off or the CRD is
 *     not served; the handshake picks those naming this Gateway)
 */
public record NlbGatewayInput(
    Gateway gateway,
    List<Route> routes,
    Map<String, SlimService> services,
    List<ReferenceGrant> referenceGrants,
    Map<String, Map<String, String>> namespaceLabels,
    Optional<LoadBalancer> existing,
    Optional<LoadBalancerConfigurationSpec> configuration,
    List<TargetGroupConfiguration> targetGroupConfigurations,
    List<ListenerSet> listenerSets) {

  /** The configuration, or an empty one. */
  public LoadBalancerConfigurationSpec config() {
    return configuration.orElseGet(LoadBalancerConfigurationSpec::new);
  }
}
