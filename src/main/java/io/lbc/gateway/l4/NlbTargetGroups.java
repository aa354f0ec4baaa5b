package io.lbc.gateway.l4;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.lbc.config.ClusterContext;
import io.lbc.gateway.l4.BackendResolution.Backend;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.TargetType;
import io.lbc.model.Token;
import io.lbc.model.TrackingTags;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.BindingSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Metadata;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Networking;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingIngressRule;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPeer;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPort;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.ServiceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One target group and one TargetGroupBinding per (route, Service backend) of an NLB Gateway
 * (gateway-spec §4.4, §5): named and identified as the reference does, so an NLB Gateway moving
 * over keeps its target groups; the binding fills it with the Service's endpoints through the
 * TargetGroupBinding engine.
 */
final class NlbTargetGroups {
  private final ClusterContext cluster;
  private final Gateway gateway;
  private final Token ruleSource;
  private final Map<String, Token> arnsById = new LinkedHashMap<>();

  /**
   * @param ruleSource the security group node rules admit (backend or managed group)
   */
  NlbTargetGroups(ClusterContext cluster, Gateway gateway, Token ruleSource) {
    this.cluster = cluster;
    this.gateway = gateway;
    this.ruleSource = ruleSource;
  }

  /** The target group of this backend behind this route, added to the stack once. */
  Token add(Stack stack, Route route, Backend backend, String listenerProtocol) {
    Service service = backend.service();
    ServicePort port = backend.port();
    TargetType targetType = cluster.defaults().targetType();
    String protocol = protocol(route, listenerProtocol);
    String identifierPort = identifierPort(port);
    String id =
        gateway.key()
            + ":"
            + route.metadata().namespace()
            + "-"
            + route.metadata().name()
            + ":"
            + route.kind()
            + "-"
            + backend.namespace()
            + "-"
            + backend.name()
            + ":"
            + identifierPort;
    Token existing = arnsById.get(id);
    if (existing != null) {
      return existing;
    }
    int tgPort = targetGroupPort(targetType, port);
    String portHashInput =
        targetType == TargetType.INSTANCE ? String.valueOf(tgPort) : identifierPort;
    String name =
        Names.namespacedName(
            route.metadata().namespace(),
            route.metadata().name(),
            Names.hash(
                cluster.clusterName(),
                gateway.metadata().namespace(),
                gateway.metadata().name(),
                route.metadata().namespace(),
                route.metadata().name(),
                route.kind(),
                backend.namespace(),
                backend.name(),
                portHashInput,
                targetType.value(),
                protocol));
    if (tgPort == 0) {
      throw new UserInputException(
          "Service " + backend.namespace() + "/" + backend.name(),
          targetType == TargetType.IP
              ? "TargetGroup port is empty. Are you using the correct service type?"
              : "TargetGroup port is empty. When using Instance targets, your service must be of"
                  + " type 'NodePort' or 'LoadBalancer'");
    }
    boolean local =
        targetType == TargetType.INSTANCE
            && "Local".equals(service.getSpec().getExternalTrafficPolicy());
    String ipAddressType =
        Optional.ofNullable(service.getSpec().getIpFamilies()).orElse(List.of()).contains("IPv6")
            ? "ipv6"
            : "ipv4";
    HealthCheckConfig health = healthCheck(service, local);
    var spec =
        new TargetGroupSpec(
            name,
            targetType.value(),
            tgPort,
            protocol,
            null,
            ipAddressType,
            health,
            List.of(),
            cluster.defaults().tags());
    stack.add(id, spec);
    Token arn = ResourceType.TARGET_GROUP.ref(id, TargetGroupSpec.ARN);
    arnsById.put(id, arn);
    stack.add(id, binding(spec, arn, backend, trafficPort(targetType, port), health));
    return arn;
  }

  /**
   * TCP_UDP passes through; otherwise the route kind decides (TLSRoute: TLS), except that a TLS
   * passthrough listener (an NLB TCP listener) forwards to TCP: an NLB refuses a TCP listener in
   * front of a TLS target group, where the reference would ask for one (gateway-spec §7.15).
   */
  private static String protocol(Route route, String listenerProtocol) {
    if (listenerProtocol.equals("TCP_UDP")) {
      return listenerProtocol;
    }
    if (route.kind().equals(GatewayApi.TLS_ROUTE) && listenerProtocol.equals("TCP")) {
      return "TCP";
    }
    return switch (route.kind()) {
      case GatewayApi.UDP_ROUTE -> "UDP";
      case GatewayApi.TLS_ROUTE -> "TLS";
      default -> "TCP";
    };
  }

  private static String identifierPort(ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return String.valueOf(port.getPort());
    }
    return target.getStrVal() != null ? target.getStrVal() : String.valueOf(target.getIntVal());
  }

  private static int targetGroupPort(TargetType type, ServicePort port) {
    if (type == TargetType.INSTANCE) {
      return port.getNodePort() == null ? 0 : port.getNodePort();
    }
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    return target.getStrVal() != null ? 1 : target.getIntVal();
  }

  private static Object trafficPort(TargetType type, ServicePort port) {
    if (type == TargetType.INSTANCE) {
      return port.getNodePort();
    }
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    return target.getStrVal() != null ? target.getStrVal() : target.getIntVal();
  }

  /** TCP on the traffic port; instance targets of an ETP-Local Service: HTTP /healthz. */
  private static HealthCheckConfig healthCheck(Service service, boolean local) {
    if (local) {
      Integer nodePort = service.getSpec().getHealthCheckNodePort();
      return new HealthCheckConfig(
          nodePort == null ? "traffic-port" : String.valueOf(nodePort),
          "HTTP",
          "/healthz",
          new TargetGroupSpec.Matcher("200-399", null),
          10,
          6,
          2,
          2);
    }
    return new HealthCheckConfig("traffic-port", "TCP", null, null, 15, 5, 3, 3);
  }

  private TargetGroupBindingResourceSpec binding(
      TargetGroupSpec spec, Token arn, Backend backend, Object trafficPort, HealthCheckConfig hc) {
    var labels = new LinkedHashMap<String, String>();
    var infrastructure = gateway.spec().infrastructure();
    if (infrastructure != null && infrastructure.labels() != null) {
      labels.putAll(infrastructure.labels());
    }
    labels.putAll(
        TrackingTags.bindingLabels(
            NlbGatewayStackBuilder.stackId(
                gateway.metadata().namespace(), gateway.metadata().name())));
    Map<String, String> annotations =
        infrastructure == null || infrastructure.annotations() == null
            ? null
            : Map.copyOf(infrastructure.annotations());
    var metadata = new Metadata(spec.name(), backend.namespace(), labels, annotations);
    var bindingSpec =
        new BindingSpec(
            arn,
            spec.targetType(),
            new ServiceRef(backend.name(), backend.port().getPort()),
            networking(spec.protocol(), trafficPort, hc),
            null,
            spec.ipAddressType(),
            cluster.vpcId(),
            spec.protocol(),
            null);
    return new TargetGroupBindingResourceSpec(
        new TargetGroupBindingResourceSpec.Template(metadata, bindingSpec));
  }

  /**
   * From the rule source to the traffic port ({@code udp} when the protocol carries UDP), plus the
   * health-check port over TCP when it differs or the traffic is UDP.
   */
  private Networking networking(String protocol, Object trafficPort, HealthCheckConfig hc) {
    if (ruleSource == null) {
      return null;
    }
    var ports = new ArrayList<NetworkingPort>();
    boolean udp = protocol.contains("UDP");
    ports.add(new NetworkingPort(udp ? "UDP" : "TCP", trafficPort));
    Object hcPort = hc.port().equals("traffic-port") ? trafficPort : Integer.valueOf(hc.port());
    if (udp || !hcPort.equals(trafficPort)) {
      ports.add(new NetworkingPort("TCP", hcPort));
    }
    return new Networking(
        List.of(
            new NetworkingIngressRule(
                List.of(NetworkingPeer.securityGroup(ruleSource)), List.copyOf(ports))));
  }
}
