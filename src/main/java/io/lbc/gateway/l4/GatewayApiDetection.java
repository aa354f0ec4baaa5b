package io.lbc.gateway.l4;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CRD auto-detection for the NLB Gateway controller (gateway-spec §0.1): it runs only when the
 * apiserver serves {@code gateway.networking.k8s.io/v1} Gateway, GatewayClass, TCPRoute, UDPRoute
 * and TLSRoute (Gateway API 1.6 or later). Absent CRDs turn it off without an error.
 */
public final class GatewayApiDetection {
  static final Set<String> NLB_KINDS =
      Set.of("gateways", "gatewayclasses", "tcproutes", "udproutes", "tlsroutes");

  private GatewayApiDetection() {}

  public static boolean nlbKindsServed(KubernetesClient kube) {
    APIResourceList resources = kube.getApiResources(GatewayApi.GROUP + "/v1");
    if (resources == null || resources.getResources() == null) {
      return false;
    }
    Set<String> served =
        resources.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
    return served.containsAll(NLB_KINDS);
  }
}
