package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.lbc.model.UserInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A backend Service and lookups of its ports. */
record BackendService(Service service) {

  String namespace() {
    return service.getMetadata().getNamespace();
  }

  String name() {
    return service.getMetadata().getName();
  }

  String key() {
    return namespace() + "/" + name();
  }

  Map<String, String> annotations() {
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  String uid() {
    return Optional.ofNullable(service.getMetadata().getUid()).orElse("");
  }

  /**
   * The port a backend names: by number, or by name.
   *
   * @param port an Integer or a String
   */
  ServicePort port(String field, Object port) {
    List<ServicePort> ports =
        service.getSpec() == null || service.getSpec().getPorts() == null
            ? List.of()
            : service.getSpec().getPorts();
    for (ServicePort candidate : ports) {
      if (port instanceof Integer number
          ? number.equals(candidate.getPort())
          : port.equals(candidate.getName())) {
        return candidate;
      }
    }
    throw new UserInputException(
        field,
        "Service "
            + key()
            + " has no port "
            + (port instanceof Integer ? port : "named '" + port + "'"));
  }

  /** The target port of a Service port: a number or a container port name (the port when unset). */
  static Object targetPort(ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    String name = target.getStrVal();
    return name.matches("\\d+") ? Integer.valueOf(name) : name;
  }

  boolean ipv6() {
    return service.getSpec() != null
        && service.getSpec().getIpFamilies() != null
        && service.getSpec().getIpFamilies().contains("IPv6");
  }
}
