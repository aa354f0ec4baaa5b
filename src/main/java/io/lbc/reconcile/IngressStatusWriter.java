package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressPortStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.StatusPatch;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes {@code status.loadBalancer.ingress} of an Ingress: the ALB's DNS name and listener ports.
 */
public final class IngressStatusWriter {
  private final KubernetesClient kube;

  public IngressStatusWriter(KubernetesClient kube) {
    this.kube = kube;
  }

  /**
   * @return true when the status changed
   */
  public boolean write(Ingress ingress, Optional<String> dnsName, List<Integer> ports) {
    List<IngressLoadBalancerIngress> wanted =
        dnsName
            .map(
                dns ->
                    List.of(
                        new IngressLoadBalancerIngressBuilder()
                            .withHostname(dns.toLowerCase(Locale.ROOT))
                            .withPorts(
                                ports.stream()
                                    .map(
                                        p ->
                                            new IngressPortStatusBuilder()
                                                .withPort(p)
                                                .withProtocol("TCP")
                                                .build())
                                    .toList())
                            .build()))
            .orElse(List.of());
    List<IngressLoadBalancerIngress> current =
        ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
            ? List.of()
            : ingress.getStatus().getLoadBalancer().getIngress();
    if (Objects.equals(current, wanted)) {
      return false;
    }
    // a plain map: the model classes leave an empty list out, and clearing needs "ingress": []
    StatusPatch.merge(kube, ingress, Map.of("loadBalancer", Map.of("ingress", wanted)));
    return true;
  }
}
