package io.lbc.gateway.l4;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.gateway.TargetGroupPropsResolver;
import io.lbc.gateway.l4.BackendResolution.Backend;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec.TargetGroupProps;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.TargetType;
import io.lbc.model.Token;
import io.lbc.model.TrackingTags;
import io.lbc.model.UserInputException;
import io.lbc.model.UserTags;
import io.lbc.model.elbv2.Attribute;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One target group and one TargetGroupBinding per (route, Service backend) of an NLB Gateway
 * (gateway-spec §4.4, §5): named and identified as the reference does, so an NLB Gateway moving
 * over keeps its target groups; the binding fills it with the Service's endpoints through the
 * TargetGroupBinding engine.
 */
final class NlbTargetGroups {
  static final String FIELD = "TargetGroupConfiguration";

  private final ClusterContext cluster;
  private final Gateway gateway;
  private final NlbGatewayInput input;
  private final Optional<TargetGroupConfiguration> defaults;
  private final Token ruleSource;
  private final Map<String, Token> arnsById = new LinkedHashMap<>();
  private final Set<String> notices = new LinkedHashSet<>();

  /**
   * @param ruleSource the security group node rules admit (backend or managed group); null when the
   *     configuration names security groups and no rules are managed
   */
  NlbTargetGroups(ClusterContext cluster, NlbGatewayInput input, Token ruleSource) {
    this.cluster = cluster;
    this.gateway = input.gateway();
    this.input = input;
    this.ruleSource = ruleSource;
    var defaultRef = input.config().defaultTargetGroupConfiguration;
    this.defaults =
        defaultRef == null
            ? Optional.empty()
            : input.targetGroupConfigurations().stream()
                .filter(c -> gateway.metadata().namespace().equals(c.getMetadata().getNamespace()))
                .filter(c -> defaultRef.name.equals(c.getMetadata().getName()))
                .findFirst();
  }

  /** TargetGroupConfiguration fields met while building that are not applied, each named. */
  List<String> notices() {
    return List.copyOf(notices);
  }

  /** The target group of this backend behind this route, added to the stack once. */
  Token add(Stack stack, Route route, Backend backend, String listenerProtocol) {
    SlimService service = backend.service();
    SlimService.Port port = backend.port();
    TargetGroupProps props =
        TargetGroupPropsResolver.resolve(
            input.targetGroupConfigurations(),
            backend.namespace(),
            backend.name(),
            GatewayApi.view(route),
            defaults);
    notices.addAll(
        TargetGroupPropsResolver.notAppliedOnNlb(props, backend.namespace(), backend.name()));
    TargetType targetType =
        props.targetType == null
            ? cluster.defaults().targetType()
            : props.targetType == TargetGroupConfigurationSpec.TargetType.IP
                ? TargetType.IP
                : TargetType.INSTANCE;
    String protocol =
        props.protocol != null ? props.protocol.name() : protocol(route, listenerProtocol);
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
        props.targetGroupName != null
            ? props.targetGroupName
            : Names.namespacedName(
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
        targetType == TargetType.INSTANCE && "Local".equals(service.spec().externalTrafficPolicy());
    String ipAddressType =
        props.ipAddressType != null
            ? props.ipAddressType.name().toLowerCase(java.util.Locale.ROOT)
            : service.spec().ipFamilies().contains("IPv6") ? "ipv6" : "ipv4";
    HealthCheckConfig health =
        props.healthCheckConfig == null
            ? healthCheck(service, local)
            : healthCheck(props.healthCheckConfig);
    var spec =
        new TargetGroupSpec(
            name,
            targetType.value(),
            tgPort,
            protocol,
            null,
            ipAddressType,
            health,
            props.targetGroupAttributes == null
                ? List.of()
                : props.targetGroupAttributes.stream()
                    .map(a -> new Attribute(a.key, a.value))
                    .toList(),
            tags(props.tags));
    stack.add(id, spec);
    Token arn = ResourceType.TARGET_GROUP.ref(id, TargetGroupSpec.ARN);
    arnsById.put(id, arn);
    stack.add(id, binding(spec, arn, backend, trafficPort(targetType, port), health, props));
    return arn;
  }

  /** The configured health check; what it leaves out takes the NLB defaults. */
  private static HealthCheckConfig healthCheck(
      TargetGroupConfigurationSpec.HealthCheckConfig config) {
    String protocol =
        config.healthCheckProtocol == null ? "TCP" : config.healthCheckProtocol.name();
    boolean tcp = protocol.equals("TCP");
    return new HealthCheckConfig(
        config.healthCheckPort != null ? config.healthCheckPort : "traffic-port",
        protocol,
        tcp ? null : config.healthCheckPath != null ? config.healthCheckPath : "/",
        tcp
            ? null
            : new TargetGroupSpec.Matcher(
                config.matcher != null && config.matcher.httpCode != null
                    ? config.matcher.httpCode
                    : "200-399",
                null),
        config.healthCheckInterval != null ? config.healthCheckInterval : 15,
        config.healthCheckTimeout != null ? config.healthCheckTimeout : tcp ? 5 : 6,
        config.healthyThresholdCount != null ? config.healthyThresholdCount : 3,
        config.unhealthyThresholdCount != null ? config.unhealthyThresholdCount : 3);
  }

  private Map<String, String> tags(Map<String, String> tgcTags) {
    return Map.copyOf(
        UserTags.merge(
            cluster.defaults().tags(),
            cluster.enabled(FeatureGate.ENABLE_DEFAULT_TAGS_LOW_PRIORITY),
            List.of(tgcTags == null ? Map.of() : tgcTags)));
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

  private static String identifierPort(SlimService.Port port) {
    IntOrString target = port.targetPort();
    if (target == null) {
      return String.valueOf(port.port());
    }
    return target.getStrVal() != null ? target.getStrVal() : String.valueOf(target.getIntVal());
  }

  private static int targetGroupPort(TargetType type, SlimService.Port port) {
    if (type == TargetType.INSTANCE) {
      return port.nodePort() == null ? 0 : port.nodePort();
    }
    IntOrString target = port.targetPort();
    if (target == null) {
      return port.port();
    }
    return target.getStrVal() != null ? 1 : target.getIntVal();
  }

  private static Object trafficPort(TargetType type, SlimService.Port port) {
    if (type == TargetType.INSTANCE) {
      return port.nodePort();
    }
    IntOrString target = port.targetPort();
    if (target == null) {
      return port.port();
    }
    return target.getStrVal() != null ? target.getStrVal() : target.getIntVal();
  }

  /** TCP on the traffic port; instance targets of an ETP-Local Service: HTTP /healthz. */
  private static HealthCheckConfig healthCheck(SlimService service, boolean local) {
    if (local) {
      Integer nodePort = service.spec().healthCheckNodePort();
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
      TargetGroupSpec spec,
      Token arn,
      Backend backend,
      Object trafficPort,
      HealthCheckConfig hc,
      TargetGroupProps props) {
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
            new ServiceRef(backend.name(), backend.port().port()),
            networking(spec.protocol(), trafficPort, hc),
            props.nodeSelector == null ? null : props.nodeSelector.getMatchLabels(),
            spec.ipAddressType(),
            cluster.vpcId(),
            spec.protocol(),
            Boolean.TRUE.equals(props.enableMultiCluster) ? Boolean.TRUE : null);
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
