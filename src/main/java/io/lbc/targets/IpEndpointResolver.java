package io.lbc.targets;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.lbc.aws.elbv2.Target;
import io.lbc.targets.DesiredTarget.PodRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a Service's EndpointSlices into IP targets: the endpoint address with the port the slice
 * gives for the Service port (the container port, so named target ports work).
 */
final class IpEndpointResolver {
  /** Endpoint readiness, best first: a target listed twice takes its best state. */
  private enum State {
    READY,
    NOT_READY,
    TERMINATING
  }

  private record Found(DesiredTarget target, State state) {}

  /**
   * @param pods finds a pod by namespace and name
   * @param availabilityZone for an IP, {@code all} when it lies outside the target group's VPC,
   *     otherwise null
   * @param quicServerIdVariable for a QUIC target group, the pod environment variable of the server
   *     ID each target is registered with; null otherwise
   */
  record Inputs(
      String namespace,
      String bindingName,
      ServicePort servicePort,
      String addressType,
      List<EndpointSlice> slices,
      Function<PodRef, Optional<Pod>> pods,
      Function<String, String> availabilityZone,
      String quicServerIdVariable) {}

  ResolvedTargets resolve(Inputs in) {
    String gate = PodConditions.gateFor(in.bindingName());
    Map<TargetKey, Found> found = new LinkedHashMap<>();
    for (EndpointSlice slice : in.slices()) {
      if (!in.addressType().equals(slice.getAddressType())) {
        continue;
      }
      Optional<Integer> port = portOf(slice, in.servicePort());
      if (port.isEmpty() || slice.getEndpoints() == null) {
        continue;
      }
      for (Endpoint endpoint : slice.getEndpoints()) {
        if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
          continue;
        }
        String ip = endpoint.getAddresses().get(0);
        PodRef podRef = podRef(in.namespace(), endpoint.getTargetRef());
        Optional<Pod> pod = podRef == null ? Optional.empty() : in.pods().apply(podRef);
        var target = new Target(ip, port.get(), in.availabilityZone().apply(ip));
        if (in.quicServerIdVariable() != null) {
          target =
              target.withQuicServerId(
                  pod.flatMap(p -> QuicServerIds.of(p, port.get(), in.quicServerIdVariable()))
                      .orElse(null));
        }
        Found candidate = classify(endpoint, target, podRef, pod, gate);
        found.merge(
            candidate.target().key(),
            candidate,
            (a, b) -> a.state().compareTo(b.state()) <= 0 ? a : b);
      }
    }
    var ready = new ArrayList<DesiredTarget>();
    var notReady = new ArrayList<DesiredTarget>();
    var terminating = new ArrayList<DesiredTarget>();
    for (Found f : found.values()) {
      switch (f.state()) {
        case READY -> ready.add(f.target());
        case NOT_READY -> notReady.add(f.target());
        case TERMINATING -> terminating.add(f.target());
      }
    }
    return new ResolvedTargets(ready, notReady, terminating);
  }

  private static Found classify(
      Endpoint endpoint, Target target, PodRef podRef, Optional<Pod> pod, String gate) {
    var conditions = endpoint.getConditions();
    Boolean ready = conditions == null ? null : conditions.getReady();
    Boolean terminating = conditions == null ? null : conditions.getTerminating();
    if (Boolean.TRUE.equals(terminating)) {
      return new Found(new DesiredTarget(target, podRef, null), State.TERMINATING);
    }
    if (ready == null || ready) {
      var since = pod.map(p -> PodConditions.transitionTime(p, "Ready")).orElse(null);
      return new Found(new DesiredTarget(target, podRef, since), State.READY);
    }
    if (pod.isPresent()
        && PodConditions.hasGate(pod.get(), gate)
        && PodConditions.isTrue(pod.get(), "ContainersReady")) {
      // Held back only by our own readiness gate: it flips once the target is healthy.
      var since = PodConditions.transitionTime(pod.get(), "ContainersReady");
      return new Found(new DesiredTarget(target, podRef, since), State.READY);
    }
    return new Found(new DesiredTarget(target, podRef, null), State.NOT_READY);
  }

  /** The slice's port for the Service port: same name (both may be empty) and protocol. */
  private static Optional<Integer> portOf(EndpointSlice slice, ServicePort servicePort) {
    if (slice.getPorts() == null) {
      return Optional.empty();
    }
    String name = Objects.requireNonNullElse(servicePort.getName(), "");
    String protocol = Objects.requireNonNullElse(servicePort.getProtocol(), "TCP");
    for (EndpointPort port : slice.getPorts()) {
      if (name.equals(Objects.requireNonNullElse(port.getName(), ""))
          && protocol.equals(Objects.requireNonNullElse(port.getProtocol(), "TCP"))
          && port.getPort() != null) {
        return Optional.of(port.getPort());
      }
    }
    return Optional.empty();
  }

  private static PodRef podRef(String namespace, ObjectReference ref) {
    if (ref == null || !"Pod".equals(ref.getKind()) || ref.getName() == null) {
      return null;
    }
    return new PodRef(ref.getNamespace() == null ? namespace : ref.getNamespace(), ref.getName());
  }
}
