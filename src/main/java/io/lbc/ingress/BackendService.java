package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.cache.SlimService.Port;
import io.lbc.model.UserInputException;
import java.util.Map;
import java.util.Optional;

/** A backend Service (as the shared cache holds it) and lookups of its ports. */
record BackendService(SlimService service) {

  String namespace() {
    return service.meta().namespace();
  }

  String name() {
    return service.meta().name();
  }

  String key() {
    return namespace() + "/" + name();
  }

  Map<String, String> annotations() {
    return service.meta().annotations();
  }

  String uid() {
    return Optional.ofNullable(service.meta().uid()).orElse("");
  }

  /**
   * The port a backend names: by number, or by name.
   *
   * @param port an Integer or a String
   */
  Port port(String field, Object port) {
    for (Port candidate : service.spec().ports()) {
      if (port instanceof Integer number
          ? number.equals(candidate.port())
          : port.equals(candidate.name())) {
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
  static Object targetPort(Port port) {
    IntOrString target = port.targetPort();
    if (target == null) {
      return port.port();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    String name = target.getStrVal();
    return name.matches("\\d+") ? Integer.valueOf(name) : name;
  }

  boolean ipv6() {
    return service.spec().ipFamilies().contains("IPv6");
  }
}
