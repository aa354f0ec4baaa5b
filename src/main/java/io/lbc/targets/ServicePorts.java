package io.lbc.targets;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.cache.SlimService.Port;
import io.lbc.model.UserInputException;
import java.util.Objects;

/** Finds the Service port a binding names, by number or by name. */
final class ServicePorts {
  static final String FIELD = "spec.serviceRef.port";

  private ServicePorts() {}

  static Port resolve(SlimService service, IntOrString port) {
    if (port == null) {
      throw new UserInputException(FIELD, "is required");
    }
    return service.spec().ports().stream()
        .filter(candidate -> matches(candidate, port))
        .findFirst()
        .orElseThrow(
            () ->
                new UserInputException(
                    FIELD,
                    "Service "
                        + service.meta().name()
                        + " has no port "
                        + (port.getIntVal() != null ? port.getIntVal() : port.getStrVal())));
  }

  private static boolean matches(Port candidate, IntOrString port) {
    if (port.getIntVal() != null) {
      return Objects.equals(candidate.port(), port.getIntVal());
    }
    return Objects.equals(candidate.name(), port.getStrVal());
  }

  /** The NodePort instance targets listen on. */
  static int nodePort(SlimService service, Port port) {
    if (port.nodePort() == null || port.nodePort() == 0) {
      throw new UserInputException(
          FIELD,
          "instance targets need a NodePort, but port "
              + port.port()
              + " of Service "
              + service.meta().name()
              + " has none (use type NodePort or LoadBalancer)");
    }
    return port.nodePort();
  }

  /** Whether the Service sends external traffic only to nodes that run one of its endpoints. */
  static boolean localTrafficPolicy(SlimService service) {
    return "Local".equals(service.spec().externalTrafficPolicy());
  }
}
