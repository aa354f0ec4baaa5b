package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.PortStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.StatusPatch;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a Service's status: the NLB's DNS name and ports, and the LoadBalancerReady condition.
 * Patches only what changed, and nothing when nothing did.
 */
public final class ServiceStatusWriter {
  private final KubernetesClient kube;
  private final Clock clock;

  public ServiceStatusWriter(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  /**
   * @return true when the status changed
   */
  public boolean ready(Service service, Optional<String> dnsName) {
    List<LoadBalancerIngress> ingress =
        dnsName
            .map(
                dns ->
                    List.of(
                        new LoadBalancerIngressBuilder()
                            .withHostname(dns.toLowerCase(Locale.ROOT))
                            .withPorts(
                                service.getSpec().getPorts().stream()
                                    .map(
                                        p ->
                                            new PortStatusBuilder()
                                                .withPort(p.getPort())
                                                .withProtocol(p.getProtocol())
                                                .build())
                                    .toList())
                            .build()))
            .orElse(List.of());
    String message = dnsName.map(d -> "load balancer " + d).orElse("no load balancer");
    return write(service, ingress, true, "Reconciled", message);
  }

  /** Keeps the last good address and records why the last reconcile failed. */
  public boolean failed(Service service, String reason, String message) {
    List<LoadBalancerIngress> ingress =
        service.getStatus() == null || service.getStatus().getLoadBalancer() == null
            ? List.of()
            : service.getStatus().getLoadBalancer().getIngress();
    return write(service, ingress, false, reason, message);
  }

  /** Removes the address and our condition, e.g. after the NLB was deleted. */
  public void clear(Service service) {
    ServiceStatus status = service.getStatus();
    boolean hasAddress =
        status != null
            && status.getLoadBalancer() != null
            && !status.getLoadBalancer().getIngress().isEmpty();
    boolean hasCondition =
        status != null
            && status.getConditions().stream()
                .anyMatch(c -> Conditions.LOAD_BALANCER_READY.equals(c.getType()));
    if (!hasAddress && !hasCondition) {
      return;
    }
    var conditions = new java.util.ArrayList<>(status.getConditions());
    conditions.removeIf(c -> Conditions.LOAD_BALANCER_READY.equals(c.getType()));
    // plain maps: the model classes leave empty lists out, and clearing needs them
    StatusPatch.merge(
        kube,
        service,
        Map.of("loadBalancer", Map.of("ingress", List.of()), "conditions", conditions));
  }

  private boolean write(
      Service service,
      List<LoadBalancerIngress> ingress,
      boolean ok,
      String reason,
      String message) {
    ServiceStatus status = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
    List<LoadBalancerIngress> current =
        status.getLoadBalancer() == null ? List.of() : status.getLoadBalancer().getIngress();
    boolean sameAddress = Objects.equals(current, ingress);
    boolean sameCondition =
        Conditions.holds(
            status.getConditions(), Conditions.LOAD_BALANCER_READY, ok, reason, message);
    if (sameAddress && sameCondition) {
      return false;
    }
    StatusPatch.merge(
        kube,
        service,
        Map.of(
            "loadBalancer",
            Map.of("ingress", ingress),
            "conditions",
            Conditions.upsert(
                status.getConditions(),
                Conditions.LOAD_BALANCER_READY,
                ok,
                reason,
                message,
                service.getMetadata().getGeneration(),
                clock)));
    return true;
  }
}
