package io.lbc.service;

import io.lbc.aws.ec2.Ec2;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import java.util.HashMap;
import java.util.Map;

/**
 * The target groups (and their TargetGroupBindings) of the other Services of the namespace that the
 * {@code actions.*} annotations name by {@code serviceName} and {@code servicePort}: built from
 * that Service's port and spec with this Service's annotations, one per Service port however many
 * listeners forward to it.
 */
final class BackendTargetGroups {
  private final BuildContext context;
  private final BackendServices services;
  private final Stack stack;
  private final LoadBalancerPlan loadBalancer;
  private final Ec2 ec2;
  private final Map<String, Token> added = new HashMap<>();

  BackendTargetGroups(
      BuildContext context,
      BackendServices services,
      Stack stack,
      LoadBalancerPlan loadBalancer,
      Ec2 ec2) {
    this.context = context;
    this.services = services;
    this.stack = stack;
    this.loadBalancer = loadBalancer;
    this.ec2 = ec2;
  }

  /**
   * @param suffix the annotation naming the Service, for errors
   * @param servicePort the port's number (a JSON number) or name (a JSON string), as the reference
   *     looks it up
   * @param listener the listener forwarding to it
   * @param protocol the target group's protocol
   * @return the target group's ARN token
   */
  Token add(
      String suffix,
      String serviceName,
      Object servicePort,
      ListenerPort listener,
      String protocol) {
    String namespace = context.service().namespace();
    var backend =
        services
            .find(namespace, serviceName)
            .orElseThrow(
                () ->
                    context
                        .annotations()
                        .invalid(
                            suffix,
                            "names Service '"
                                + namespace
                                + "/"
                                + serviceName
                                + "', which does not exist"));
    BuildContext backendContext = context.forBackend(backend);
    ServiceView.Port port =
        backendContext.service().ports().stream()
            .filter(
                p ->
                    servicePort instanceof Number number
                        ? p.port() == number.intValue()
                        : servicePort.toString().equals(p.name()))
            .findFirst()
            .orElseThrow(
                () ->
                    context
                        .annotations()
                        .invalid(
                            suffix,
                            "Service '"
                                + serviceName
                                + "' has no port '"
                                + servicePort
                                + "' (use a port name or number from its spec.ports)"));
    return added.computeIfAbsent(
        serviceName + ":" + port.port(),
        key ->
            new TargetGroups(
                    backendContext,
                    new TargetGroupBindings(backendContext, new NodeRules(backendContext, ec2)),
                    context.service().uid())
                .add(stack, new ListenerPort(port, listener.protocol(), protocol), loadBalancer));
  }
}
