package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.config.FeatureGates;
import io.lbc.k8s.gateway.GatewayCrds;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Gateway controllers run (gateway-spec §0.1): a gate that is on starts its controller only
 * when the apiserver serves every kind it reads. Absent CRDs turn a controller off with one log
 * line, never an error. Unlike the reference, a gate set to true explicitly is not turned off
 * behind the user's back: it is turned off with a warning that names the missing kinds.
 */
public final class GatewayApiDetection {
  private static final Logger log = LoggerFactory.getLogger(GatewayApiDetection.class);
  private static final List<String> AWS_KINDS =
      List.of("TargetGroupConfiguration", "LoadBalancerConfiguration", "ListenerRuleConfiguration");

  private GatewayApiDetection() {}

  /** The controllers to start; reads API discovery once. */
  public static Set<GatewayFlavor> enabled(KubernetesClient kube, FeatureGates gates) {
    var wanted = EnumSet.noneOf(GatewayFlavor.class);
    for (GatewayFlavor flavor : GatewayFlavor.values()) {
      if (gates.enabled(flavor.gate())) {
        wanted.add(flavor);
      }
    }
    if (wanted.isEmpty()) {
      return wanted;
    }
    Set<String> gatewayApi = kinds(kube, GatewayCrds.GATEWAY_API_GROUP + "/v1");
    Set<String> aws = kinds(kube, GatewayCrds.GROUP + "/v1");
    var result = EnumSet.noneOf(GatewayFlavor.class);
    for (GatewayFlavor flavor : wanted) {
      var missing =
          required(flavor).stream().filter(k -> !gatewayApi.contains(k)).collect(toList());
      AWS_KINDS.stream().filter(k -> !aws.contains(k)).forEach(missing::add);
      if (missing.isEmpty()) {
        result.add(flavor);
      } else {
        log.info(
            "{} Gateway controller off: the apiserver does not serve {}",
            flavor,
            String.join(", ", missing));
      }
    }
    return result;
  }

  /** Whether ListenerSet is served (for the GatewayListenerSet gate). */
  public static boolean listenerSetsServed(KubernetesClient kube) {
    return kinds(kube, GatewayCrds.GATEWAY_API_GROUP + "/v1").contains("ListenerSet");
  }

  static List<String> required(GatewayFlavor flavor) {
    return flavor == GatewayFlavor.ALB
        ? List.of("Gateway", "GatewayClass", "HTTPRoute", "GRPCRoute")
        : List.of("Gateway", "GatewayClass", "TLSRoute", "TCPRoute", "UDPRoute");
  }

  private static java.util.stream.Collector<String, ?, java.util.ArrayList<String>> toList() {
    return Collectors.toCollection(java.util.ArrayList::new);
  }

  private static Set<String> kinds(KubernetesClient kube, String groupVersion) {
    try {
      APIResourceList list = kube.getApiResources(groupVersion);
      if (list == null || list.getResources() == null) {
        return Set.of();
      }
      return list.getResources().stream().map(APIResource::getKind).collect(Collectors.toSet());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Set.of();
      }
      throw e;
    }
  }
}
