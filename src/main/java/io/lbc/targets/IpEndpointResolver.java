package io.lbc.targets;

import io.lbc.aws.elbv2.Target;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimEndpointSlice.Endpoint;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.k8s.cache.SlimService;
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
    /** Not ready, containers ready, on a node whose readiness is Unknown: the fail-open pool. */
    ON_UNKNOWN_NODE,
    NOT_READY,
    TERMINATING
  }

  private record Found(DesiredTarget target, State state) {}

  /**
   * @param pods finds a pod by namespace and name
   * @param availabilityZone for an IP, {@code all} when it lies outside the target group's VPC,
   *     otherwise null
   * @param nodeReadiness a node's Ready condition status by node name, empty when unknown to us
   * @param failOpen with no ready endpoint, register the ones held back only by their node's
   *     Unknown readiness
   * @param quicServerIdVariable for a QUIC target group, the pod environment variable of the server
   *     ID each target is registered with; null otherwise
   */
  record Inputs(
      String namespace,
      String bindingName,
      SlimService.Port servicePort,
      String addressType,
      List<SlimEndpointSlice> slices,
      Function<PodRef, Optional<SlimPod>> pods,
      Function<String, String> availabilityZone,
      Function<String, Optional<String>> nodeReadiness,
      boolean failOpen,
      String quicServerIdVariable) {}

  ResolvedTargets resolve(Inputs in) {
    String gate = PodConditions.gateFor(in.bindingName());
    Map<TargetKey, Found> found = new LinkedHashMap<>();
    for (SlimEndpointSlice slice : in.slices()) {
      if (!in.addressType().equals(slice.addressType())) {
        continue;
      }
      Optional<Integer> port = portOf(slice, in.servicePort());
      if (port.isEmpty()) {
        continue;
      }
      for (Endpoint endpoint : slice.endpoints()) {
        String ip = endpoint.address();
        if (ip == null) {
          continue;
        }
        PodRef podRef = podRef(in.namespace(), endpoint.targetRef());
        Optional<SlimPod> pod = podRef == null ? Optional.empty() : in.pods().apply(podRef);
        var target = new Target(ip, port.get(), in.availabilityZone().apply(ip));
        if (in.quicServerIdVariable() != null) {
          target =
              target.withQuicServerId(
                  pod.flatMap(p -> QuicServerIds.of(p, port.get(), in.quicServerIdVariable()))
                      .orElse(null));
        }
        Found candidate = classify(endpoint, target, podRef, pod, gate, in.nodeReadiness());
        found.merge(
            candidate.target().key(),
            candidate,
            (a, b) -> a.state().compareTo(b.state()) <= 0 ? a : b);
      }
    }
    var ready = new ArrayList<DesiredTarget>();
    var notReady = new ArrayList<DesiredTarget>();
    var terminating = new ArrayList<DesiredTarget>();
    var onUnknownNodes = new ArrayList<DesiredTarget>();
    for (Found f : found.values()) {
      switch (f.state()) {
        case READY -> ready.add(f.target());
        case ON_UNKNOWN_NODE -> onUnknownNodes.add(f.target());
        case NOT_READY -> notReady.add(f.target());
        case TERMINATING -> terminating.add(f.target());
      }
    }
    if (in.failOpen() && ready.isEmpty()) {
      ready.addAll(onUnknownNodes);
    } else {
      notReady.addAll(onUnknownNodes);
    }
    return new ResolvedTargets(ready, notReady, terminating);
  }

  private static Found classify(
      Endpoint endpoint,
      Target target,
      PodRef podRef,
      Optional<SlimPod> pod,
      String gate,
      Function<String, Optional<String>> nodeReadiness) {
    var conditions = endpoint.conditions();
    Boolean ready = conditions == null ? null : conditions.ready();
    Boolean terminating = conditions == null ? null : conditions.terminating();
    if (Boolean.FALSE.equals(ready)
        && pod.isPresent()
        && PodConditions.isTrue(pod.get(), "ContainersReady")
        && onUnknownNode(pod.get(), nodeReadiness)) {
      // As the reference: the node stopped reporting, so the endpoint's readiness is stale.
      var since = PodConditions.transitionTime(pod.get(), "ContainersReady");
      return new Found(new DesiredTarget(target, podRef, since), State.ON_UNKNOWN_NODE);
    }
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

  private static boolean onUnknownNode(
      SlimPod pod, Function<String, Optional<String>> nodeReadiness) {
    String node = pod.nodeName();
    return node != null && nodeReadiness.apply(node).filter("Unknown"::equals).isPresent();
  }

  /** The slice's port for the Service port: same name (both may be empty) and protocol. */
  private static Optional<Integer> portOf(SlimEndpointSlice slice, SlimService.Port servicePort) {
    String name = Objects.requireNonNullElse(servicePort.name(), "");
    String protocol = Objects.requireNonNullElse(servicePort.protocol(), "TCP");
    for (SlimEndpointSlice.Port port : slice.ports()) {
      if (name.equals(Objects.requireNonNullElse(port.name(), ""))
          && protocol.equals(Objects.requireNonNullElse(port.protocol(), "TCP"))
          && port.port() != null) {
        return Optional.of(port.port());
      }
    }
    return Optional.empty();
  }

  private static PodRef podRef(String namespace, SlimEndpointSlice.Ref ref) {
    if (ref == null || !"Pod".equals(ref.kind()) || ref.name() == null) {
      return null;
    }
    return new PodRef(ref.namespace() == null ? namespace : ref.namespace(), ref.name());
  }
}
