package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressPortStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.StatusPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes {@code status.loadBalancer.ingress} of an Ingress: the ALB's DNS name and listener ports,
 * and the frontend NLB's DNS name when there is one.
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
    return write(ingress, dnsName, Optional.empty(), ports);
  }

  /**
   * The ALB's entry (hostname and listener ports), then the frontend NLB's (hostname only) when the
   * group has one, as the reference writes them.
   *
   * @return true when the status changed
   */
  public boolean write(
      Ingress ingress,
      Optional<String> dnsName,
      Optional<String> frontendNlbDnsName,
      List<Integer> ports) {
    var wanted = new ArrayList<IngressLoadBalancerIngress>();
    dnsName.ifPresent(
        dns ->
            wanted.add(
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
                    .build()));
    if (dnsName.isPresent()) {
      frontendNlbDnsName.ifPresent(
          dns -> {
            // not the builder: its ports would be null, and what the apiserver returns reads []
            var entry = new IngressLoadBalancerIngress();
            entry.setHostname(dns.toLowerCase(Locale.ROOT));
            wanted.add(entry);
          });
    }
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
