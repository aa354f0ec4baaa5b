package io.lbc.service;

import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.TargetType;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;

/**
 * The target group behind one listener and the TargetGroupBinding that fills it, both with the
 * resource id {@code <namespace>/<service>:<port>}.
 */
final class TargetGroups {
  private final BuildContext context;
  private final TargetGroupBindings bindings;
  private final String baseServiceUid;

  TargetGroups(BuildContext context, TargetGroupBindings bindings) {
    this(context, bindings, null);
  }

  /**
   * @param baseServiceUid for the target group of a Service named by another one's {@code
   *     actions.*} annotation: the naming Service's UID, which the name's hash covers too, so that
   *     two Services forwarding to the same backend get target groups of their own
   */
  TargetGroups(BuildContext context, TargetGroupBindings bindings, String baseServiceUid) {
    this.context = context;
    this.bindings = bindings;
    this.baseServiceUid = baseServiceUid;
  }

  /** Adds the target group and its binding; returns the target group's ARN token. */
  Token add(Stack stack, ListenerPort listener, LoadBalancerPlan loadBalancer) {
    var service = context.service();
    ServiceView.Port port = listener.servicePort();
    String id = service.namespace() + "/" + service.name() + ":" + port.port();
    TargetType targetType = TargetTypes.of(context, port);
    HealthCheckConfig healthCheck = HealthChecks.build(context, targetType);
    var attributes = TargetGroupAttributes.build(context, port.port(), targetType);
    int targetGroupPort = targetGroupPort(port, targetType);
    var spec =
        new TargetGroupSpec(
            name(port, targetGroupPort, targetType, listener.targetGroupProtocol(), healthCheck),
            targetType.value(),
            targetGroupPort,
            listener.targetGroupProtocol(),
            null,
            ipAddressType(loadBalancer),
            healthCheck,
            attributes.attributes(),
            context.userTags());
    stack.add(id, spec);
    Token arn = ResourceType.TARGET_GROUP.ref(id, TargetGroupSpec.ARN);
    stack.add(
        id,
        bindings.build(
            new TargetGroupBindings.Target(spec, arn, listener, attributes.preserveClientIp()),
            loadBalancer));
    return arn;
  }

  /** Informational only: targets always register with their own port. */
  private static int targetGroupPort(ServiceView.Port port, TargetType targetType) {
    if (targetType == TargetType.INSTANCE) {
      return port.nodePort();
    }
    return port.targetPort() instanceof Integer number ? number : 1;
  }

  private String ipAddressType(LoadBalancerPlan loadBalancer) {
    if (!context.service().ipv6()) {
      return "ipv4";
    }
    if (!loadBalancer.dualstack()) {
      throw new UserInputException(
          "spec.ipFamilies",
          "an IPv6 Service needs a dualstack load balancer: set "
              + context.key(ServiceAnnotationKeys.IP_ADDRESS_TYPE)
              + ": dualstack");
    }
    return "ipv6";
  }

  /**
   * {@code k8s-<ns8>-<svc8>-<hash10>}; the hash covers exactly what forces a replacement, so a
   * replacement gets a new name and can be created before the old one is deleted.
   */
  private String name(
      ServiceView.Port port,
      int targetGroupPort,
      TargetType targetType,
      String protocol,
      HealthCheckConfig healthCheck) {
    var service = context.service();
    return Names.namespacedName(
        service.namespace(),
        service.name(),
        Names.hash(
            context.cluster().clusterName(),
            baseServiceUid == null ? "" : baseServiceUid,
            service.uid(),
            String.valueOf(targetGroupPort),
            String.valueOf(port.port()),
            targetType.value(),
            protocol,
            healthCheck.protocol(),
            String.valueOf(healthCheck.intervalSeconds())));
  }
}
