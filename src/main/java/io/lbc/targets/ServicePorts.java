package io.lbc.targets;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.lbc.model.UserInputException;
import java.util.List;
import java.util.Objects;

/** Finds the Service port a binding names, by number or by name. */
final class ServicePorts {
  static final String FIELD = "spec.serviceRef.port";

  private ServicePorts() {}

  static ServicePort resolve(Service service, IntOrString port) {
    if (port == null) {
      throw new UserInputException(FIELD, "is required");
    }
    List<ServicePort> ports =
        service.getSpec() == null || service.getSpec().getPorts() == null
            ? List.of()
            : service.getSpec().getPorts();
    return ports.stream()
        .filter(candidate -> matches(candidate, port))
        .findFirst()
        .orElseThrow(
            () ->
                new UserInputException(
                    FIELD,
                    "Service "
                        + service.getMetadata().getName()
                        + " has no port "
                        + (port.getIntVal() != null ? port.getIntVal() : port.getStrVal())));
  }

  private static boolean matches(ServicePort candidate, IntOrString port) {
    if (port.getIntVal() != null) {
      return Objects.equals(candidate.getPort(), port.getIntVal());
    }
    return Objects.equals(candidate.getName(), port.getStrVal());
  }

  /** The NodePort instance targets listen on. */
  static int nodePort(Service service, ServicePort port) {
    if (port.getNodePort() == null || port.getNodePort() == 0) {
      throw new UserInputException(
          FIELD,
          "instance targets need a NodePort, but port "
              + port.getPort()
              + " of Service "
              + service.getMetadata().getName()
              + " has none (use type NodePort or LoadBalancer)");
    }
    return port.getNodePort();
  }

  /** Whether the Service sends external traffic only to nodes that run one of its endpoints. */
  static boolean localTrafficPolicy(Service service) {
    return service.getSpec() != null
        && "Local".equals(service.getSpec().getExternalTrafficPolicy());
  }
}
