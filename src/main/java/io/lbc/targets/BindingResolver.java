package io.lbc.targets;

import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingIpAddressType;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.k8s.cache.SlimNode;
import io.lbc.k8s.cache.SlimService;
import io.lbc.model.UserInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Resolves a binding to the targets its Service offers, from the informer caches alone: no AWS
 * call, except a VPC lookup once per foreign {@code spec.vpcID}.
 */
final class BindingResolver {
  /** The binding's Service, the port it names and the targets behind it. */
  record Resolution(SlimService service, SlimService.Port port, ResolvedTargets targets) {}

  private final ClusterView cluster;
  private final VpcAddressing addressing;
  private final String quicServerIdVariable;
  private final IpEndpointResolver ipResolver = new IpEndpointResolver();
  private final InstanceEndpointResolver instanceResolver = new InstanceEndpointResolver();
  private final boolean failOpen;

  /**
   * @param discovery the {@code EndpointsFailOpen} gate and {@code
   *     --quic-environment-variable-name}
   */
  BindingResolver(ClusterView cluster, VpcAddressing addressing, TargetDiscovery discovery) {
    this.cluster = cluster;
    this.addressing = addressing;
    this.failOpen = discovery.failOpen();
    this.quicServerIdVariable = discovery.quicServerIdVariable();
  }

  /** Whether the binding's targets register with a QUIC server ID. */
  static boolean quic(TargetGroupBindingSpec spec) {
    return spec.targetGroupProtocol == TargetGroupProtocol.QUIC
        || spec.targetGroupProtocol == TargetGroupProtocol.TCP_QUIC;
  }

  /** Empty when the Service does not exist. */
  Optional<Resolution> resolve(TargetGroupBinding binding, BindingTargetType type) {
    TargetGroupBindingSpec spec = binding.getSpec();
    String namespace = binding.getMetadata().getNamespace();
    if (spec.serviceRef == null || spec.serviceRef.name == null) {
      throw new UserInputException("spec.serviceRef.name", "is required");
    }
    Optional<SlimService> service = cluster.service(namespace, spec.serviceRef.name);
    if (service.isEmpty()) {
      return Optional.empty();
    }
    SlimService.Port port = ServicePorts.resolve(service.get(), spec.serviceRef.port);
    var slices = cluster.endpointSlices(namespace, spec.serviceRef.name);
    ResolvedTargets targets;
    if (type == BindingTargetType.IP) {
      if (spec.nodeSelector != null) {
        throw new UserInputException(
            InstanceEndpointResolver.SELECTOR_FIELD, "is only allowed with instance targets");
      }
      targets =
          ipResolver.resolve(
              new IpEndpointResolver.Inputs(
                  namespace,
                  binding.getMetadata().getName(),
                  port,
                  spec.ipAddressType == BindingIpAddressType.IPV6 ? "IPv6" : "IPv4",
                  slices,
                  ref -> cluster.pod(ref.namespace(), ref.name()),
                  addressing.availabilityZones(spec),
                  nodeReadiness(),
                  failOpen,
                  quic(spec) ? quicServerIdVariable : null));
    } else {
      boolean local = ServicePorts.localTrafficPolicy(service.get());
      targets =
          instanceResolver.resolve(
              new InstanceEndpointResolver.Inputs(
                  cluster.nodes(),
                  spec.nodeSelector,
                  ServicePorts.nodePort(service.get(), port),
                  local,
                  local ? slices : List.of(),
                  failOpen));
    }
    return Optional.of(new Resolution(service.get(), port, targets));
  }

  /** Node name → Ready status, read from the cache on first use (only for not-ready endpoints). */
  private Function<String, Optional<String>> nodeReadiness() {
    var statuses = new AtomicReference<Map<String, String>>();
    return name -> {
      if (statuses.get() == null) {
        var byName = new HashMap<String, String>();
        for (SlimNode node : cluster.nodes()) {
          node.ready().map(c -> c.status()).ifPresent(s -> byName.put(node.meta().name(), s));
        }
        statuses.set(byName);
      }
      return Optional.ofNullable(statuses.get().get(name));
    };
  }
}
