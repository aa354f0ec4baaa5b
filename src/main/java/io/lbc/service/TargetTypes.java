package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.TARGET_TYPE;
import static io.lbc.service.ServiceAnnotationKeys.TYPE;

import io.lbc.config.FeatureGate;
import io.lbc.model.TargetType;
import io.lbc.model.UserInputException;

/**
 * How a Service port's targets register (compat-spec §2.2 rows 1–2): pod IPs for nlb-ip or target
 * type ip, else instances on the port's NodePort, which must exist.
 */
final class TargetTypes {
  private TargetTypes() {}

  static TargetType of(BuildContext context, ServiceView.Port port) {
    var annotations = context.annotations();
    String requested =
        annotations.string(TARGET_TYPE).orElse(context.cluster().defaults().targetType().value());
    TargetType type =
        TargetType.parse(requested)
            .orElseThrow(
                () ->
                    annotations.invalid(
                        TARGET_TYPE,
                        "unknown target type '" + requested + "' (use ip or instance)"));
    if (type == TargetType.IP && !context.enabled(FeatureGate.ENABLE_IP_TARGET_TYPE)) {
      throw annotations.invalid(
          TARGET_TYPE, "ip targets are turned off (feature gate EnableIPTargetType=false)");
    }
    if (type == TargetType.IP || annotations.string(TYPE).filter("nlb-ip"::equals).isPresent()) {
      return TargetType.IP;
    }
    var service = context.service();
    if (!service.type().equals("NodePort") && !service.isLoadBalancerType()) {
      throw new UserInputException(
          "spec.type",
          "instance targets need NodePorts, which a "
              + service.type()
              + " Service does not have; use type LoadBalancer or set "
              + context.key(TARGET_TYPE)
              + ": ip");
    }
    if (port.nodePort() == null) {
      throw new UserInputException(
          port.field("nodePort"),
          "instance targets need a NodePort"
              + (Boolean.FALSE.equals(service.allocateLoadBalancerNodePorts())
                  ? " but spec.allocateLoadBalancerNodePorts is false"
                  : "")
              + "; allocate one or set "
              + context.key(TARGET_TYPE)
              + ": ip");
    }
    return TargetType.INSTANCE;
  }
}
