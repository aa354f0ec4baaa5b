package io.lbc.service;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a Service the NLB builder reads, with the API server's defaults filled in (port
 * protocol TCP, targetPort = port, type ClusterIP).
 */
record ServiceView(
    String namespace,
    String name,
    String uid,
    String type,
    List<Port> ports,
    String externalTrafficPolicy,
    Integer healthCheckNodePort,
    Boolean allocateLoadBalancerNodePorts,
    List<String> ipFamilies,
    List<String> loadBalancerSourceRanges) {

  /**
   * One Service port.
   *
   * @param targetPort an Integer, or a String naming a container port
   * @param nodePort null when none is allocated
   */
  record Port(
      int index, String name, int port, String protocol, Object targetPort, Integer nodePort) {

    /** The spec path of a field of this port, for error messages. */
    String field(String subField) {
      return "spec.ports[" + index + "]." + subField;
    }

    /** The name, or empty when the port has none. */
    String nameOrEmpty() {
      return name == null ? "" : name;
    }

    /** Whether a user-given port reference (a name or a number) means this port. */
    boolean matches(String nameOrNumber) {
      return nameOrNumber.equals(name) || nameOrNumber.equals(String.valueOf(port));
    }
  }

  static ServiceView of(Service service) {
    var meta = service.getMetadata();
    ServiceSpec spec = Objects.requireNonNullElseGet(service.getSpec(), ServiceSpec::new);
    var ports = new ArrayList<Port>();
    List<ServicePort> specPorts = spec.getPorts() == null ? List.of() : spec.getPorts();
    for (int i = 0; i < specPorts.size(); i++) {
      ServicePort p = specPorts.get(i);
      int number = p.getPort() == null ? 0 : p.getPort();
      Object targetPort = targetPort(p.getTargetPort(), number);
      Integer nodePort = p.getNodePort() == null || p.getNodePort() == 0 ? null : p.getNodePort();
      ports.add(
          new Port(
              i,
              p.getName(),
              number,
              p.getProtocol() == null ? "TCP" : p.getProtocol(),
              targetPort,
              nodePort));
    }
    return new ServiceView(
        meta.getNamespace() == null ? "default" : meta.getNamespace(),
        meta.getName(),
        meta.getUid() == null ? "" : meta.getUid(),
        spec.getType() == null ? "ClusterIP" : spec.getType(),
        List.copyOf(ports),
        spec.getExternalTrafficPolicy(),
        spec.getHealthCheckNodePort(),
        spec.getAllocateLoadBalancerNodePorts(),
        spec.getIpFamilies() == null ? List.of() : List.copyOf(spec.getIpFamilies()),
        spec.getLoadBalancerSourceRanges() == null
            ? List.of()
            : List.copyOf(spec.getLoadBalancerSourceRanges()));
  }

  private static Object targetPort(IntOrString targetPort, int port) {
    if (targetPort == null || (targetPort.getIntVal() == null && targetPort.getStrVal() == null)) {
      return port;
    }
    return targetPort.getIntVal() != null ? targetPort.getIntVal() : targetPort.getStrVal();
  }

  Optional<Port> portNamed(String portName) {
    return ports.stream().filter(p -> portName.equals(p.name())).findFirst();
  }

  boolean ipv6() {
    return ipFamilies.contains("IPv6");
  }

  boolean isLoadBalancerType() {
    return ServiceSelector.LOAD_BALANCER.equals(type);
  }
}
