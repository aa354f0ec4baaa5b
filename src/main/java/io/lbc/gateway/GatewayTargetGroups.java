package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.KeyValue;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec.HealthCheckConfig;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec.TargetGroupProps;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.TrackingTags;
import io.lbc.model.UserTags;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.BindingSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Metadata;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Networking;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingIngressRule;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPeer;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPort;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.ServiceRef;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a route's backendRefs to target groups (gateway-spec §4.4): checks kind, namespace
 * grant, Service and port; adds one target group and one TargetGroupBinding per unique backend (per
 * route) to the stack; reports what it could not resolve on the route's verdict.
 */
final class GatewayTargetGroups {
  static final String GRPC_HEALTH_PATH = "/AWS.ALB/healthcheck";

  /** A target group of a forward action, with its weight. */
  record Weighted(Token arn, int weight) {}

  private final ClusterContext cluster;
  private final GatewayInput input;
  private final Stack stack;
  private final Optional<Token> nodeRuleSource;
  private final ReferenceGrants grants;
  private final Optional<TargetGroupConfiguration> defaults;
  private final java.util.Set<String> notices = new java.util.LinkedHashSet<>();

  GatewayTargetGroups(
      ClusterContext cluster, GatewayInput input, Stack stack, Optional<Token> nodeRuleSource) {
    this.cluster = cluster;
    this.input = input;
    this.stack = stack;
    this.nodeRuleSource = nodeRuleSource;
    this.grants = new ReferenceGrants(input.referenceGrants());
    var defaultRef = input.config().defaultTargetGroupConfiguration;
    this.defaults =
        defaultRef == null
            ? Optional.empty()
            : input.targetGroupConfigurations().stream()
                .filter(c -> defaultRef.name.equals(c.getMetadata().getName()))
                .findFirst();
  }

  /** TargetGroupConfiguration fields met while building that are not applied, each named. */
  List<String> notices() {
    return List.copyOf(notices);
  }

  /**
   * The target group of one backendRef, added to the stack on first use.
   *
   * @param listenerProtocol the protocol of the listener the rule is on
   * @return empty when the backend cannot be used; {@code verdicts} then says why
   */
  Optional<Weighted> resolve(
      RouteView route,
      BackendTarget backend,
      String listenerProtocol,
      Map<String, RouteVerdict> verdicts) {
    String namespace = backend.namespaceOr(route.namespace());
    if (!backend.isService()) {
      note(verdicts, route, GatewayReasons.INVALID_KIND, "Unknown backend reference kind");
      return Optional.empty();
    }
    if (backend.port() == null) {
      verdicts.merge(
          route.key(),
          RouteVerdict.OK.refuse(GatewayReasons.UNSUPPORTED_VALUE, "Port is required"),
          (a, b) -> a.refuse(b.refusal(), b.refusalMessage()));
      return Optional.empty();
    }
    if (!namespace.equals(route.namespace())
        && !grants.allows(
            route.kind(), route.namespace(), "", "Service", namespace, backend.name())) {
      note(
          verdicts,
          route,
          GatewayReasons.REF_NOT_PERMITTED,
          "No explicit ReferenceGrant exists to allow the reference.");
      return Optional.empty();
    }
    Optional<SlimService> service = input.service(namespace, backend.name());
    if (service.isEmpty()) {
      note(
          verdicts,
          route,
          GatewayReasons.BACKEND_NOT_FOUND,
          "Service (" + namespace + ":" + backend.name() + ") not found");
      return Optional.empty();
    }
    Optional<SlimService.Port> port =
        service.get().spec().ports().stream()
            .filter(p -> backend.port().equals(p.port()))
            .findFirst();
    if (port.isEmpty()) {
      note(
          verdicts,
          route,
          GatewayReasons.BACKEND_NOT_FOUND,
          "Unable to find service port for port " + backend.port());
      return Optional.empty();
    }
    TargetGroupProps props =
        TargetGroupPropsResolver.resolve(
            input.targetGroupConfigurations(), namespace, backend.name(), route, defaults);
    try {
      String id = add(route, service.get(), port.get(), props, listenerProtocol);
      return Optional.of(
          new Weighted(
              ResourceType.TARGET_GROUP.ref(id, TargetGroupSpec.ARN), backend.weightOrDefault()));
    } catch (IllegalArgumentException e) {
      note(verdicts, route, GatewayReasons.BACKEND_NOT_FOUND, e.getMessage());
      return Optional.empty();
    } catch (IllegalStateException e) {
      verdicts.merge(
          route.key(),
          RouteVerdict.OK.refuse(GatewayReasons.UNSUPPORTED_VALUE, e.getMessage()),
          (a, b) -> a.refuse(b.refusal(), b.refusalMessage()));
      return Optional.empty();
    }
  }

  /**
   * The TargetGroupConfiguration's {@code targetControlPort} (the ALB target optimizer's agent
   * port), refused as the reference refuses it: HTTP and HTTPS ip target groups only.
   *
   * @throws IllegalStateException when the target group cannot have one
   */
  static Integer targetControlPort(TargetGroupProps props, String protocol, String targetType) {
    if (props.targetControlPort == null) {
      return null;
    }
    if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
      throw new IllegalStateException(
          "target control port is only supported for HTTP and HTTPS protocols, got: " + protocol);
    }
    if (!targetType.equals("ip")) {
      throw new IllegalStateException(
          "target control port is not supported for " + targetType + " target target group");
    }
    return props.targetControlPort;
  }

  private static void note(
      Map<String, RouteVerdict> verdicts, RouteView route, String reason, String message) {
    verdicts.merge(
        route.key(),
        RouteVerdict.OK.unresolved(reason, message),
        (a, b) -> a.unresolved(b.unresolved(), b.unresolvedMessage()));
  }

  private String add(
      RouteView route,
      SlimService service,
      SlimService.Port port,
      TargetGroupProps props,
      String listenerProtocol) {
    String targetType =
        props.targetType != null
            ? (props.targetType.name().equals("IP") ? "ip" : "instance")
            : cluster.defaults().targetType().value();
    IntOrString targetPort = port.targetPort();
    String identifierPort =
        targetPort == null
            ? String.valueOf(port.port())
            : targetPort.getStrVal() != null
                ? targetPort.getStrVal()
                : String.valueOf(targetPort.getIntVal());
    String svcNs = service.meta().namespace();
    String svcName = service.meta().name();
    String id =
        input.namespace()
            + "/"
            + input.name()
            + ":"
            + route.namespace()
            + "-"
            + route.name()
            + ":"
            + route.kind()
            + "-"
            + svcNs
            + "-"
            + svcName
            + ":"
            + identifierPort;
    String protocol = props.protocol != null ? props.protocol.name() : "HTTP";
    Integer controlPort = targetControlPort(props, protocol, targetType);
    if (controlPort != null) {
      id = id + "-" + controlPort;
    }
    if (stack.find(ResourceType.TARGET_GROUP, id).isPresent()) {
      return id;
    }
    int tgPort = targetGroupPort(targetType, port, targetPort);
    String protocolVersion = protocolVersion(route, port, props, listenerProtocol);
    var hashed =
        new ArrayList<>(
            List.of(
                cluster.clusterName(),
                input.namespace(),
                input.name(),
                route.namespace(),
                route.name(),
                route.kind(),
                svcNs,
                svcName,
                targetType.equals("instance") ? String.valueOf(tgPort) : identifierPort,
                targetType,
                protocol,
                protocolVersion));
    if (controlPort != null) {
      hashed.add(String.valueOf(controlPort));
    }
    String name =
        props.targetGroupName != null
            ? props.targetGroupName
            : Names.namespacedName(
                route.namespace(), route.name(), Names.hash(hashed.toArray(String[]::new)));
    boolean ipv6 = service.spec().ipFamilies().contains("IPv6");
    var spec =
        new TargetGroupSpec(
            name,
            targetType,
            tgPort,
            protocol,
            protocolVersion,
            ipv6 ? "ipv6" : "ipv4",
            healthCheck(props.healthCheckConfig, protocol, protocolVersion),
            attributes(props.targetGroupAttributes),
            tags(props.tags),
            controlPort);
    stack.add(id, spec);
    stack.add(id, binding(id, spec, svcNs, svcName, port, props, tgPort));
    return id;
  }

  private static int targetGroupPort(
      String targetType, SlimService.Port port, IntOrString targetPort) {
    if (targetType.equals("instance")) {
      Integer nodePort = port.nodePort();
      if (nodePort == null || nodePort == 0) {
        throw new IllegalArgumentException(
            "TargetGroup port is empty. When using Instance targets, your service must be of type"
                + " 'NodePort' or 'LoadBalancer'");
      }
      return nodePort;
    }
    if (targetPort == null) {
      return port.port();
    }
    return targetPort.getIntVal() != null ? targetPort.getIntVal() : 1;
  }

  private static String protocolVersion(
      RouteView route, SlimService.Port port, TargetGroupProps props, String listenerProtocol) {
    if (!"HTTPS".equals(listenerProtocol)) {
      return "HTTP1";
    }
    if (props.protocolVersion != null) {
      return props.protocolVersion.name();
    }
    if (route.kind().equals(RouteKinds.GRPC_ROUTE)) {
      return "GRPC";
    }
    if ("kubernetes.io/h2c".equals(port.appProtocol())) {
      return "HTTP2";
    }
    return "HTTP1";
  }

  private static TargetGroupSpec.HealthCheckConfig healthCheck(
      HealthCheckConfig config, String protocol, String protocolVersion) {
    boolean grpc = "GRPC".equals(protocolVersion);
    if (config == null) {
      return new TargetGroupSpec.HealthCheckConfig(
          "traffic-port",
          protocol,
          grpc ? GRPC_HEALTH_PATH : "/",
          grpc
              ? new TargetGroupSpec.Matcher(null, "12")
              : new TargetGroupSpec.Matcher("200-399", null),
          15,
          5,
          3,
          3);
    }
    String hcProtocol =
        config.healthCheckProtocol != null ? config.healthCheckProtocol.name() : protocol;
    boolean tcp = hcProtocol.equals("TCP");
    TargetGroupSpec.Matcher matcher =
        tcp
            ? null
            : config.matcher != null
                ? new TargetGroupSpec.Matcher(config.matcher.httpCode, config.matcher.grpcCode)
                : grpc
                    ? new TargetGroupSpec.Matcher(null, "12")
                    : new TargetGroupSpec.Matcher("200-399", null);
    return new TargetGroupSpec.HealthCheckConfig(
        config.healthCheckPort != null ? config.healthCheckPort : "traffic-port",
        hcProtocol,
        tcp
            ? null
            : config.healthCheckPath != null
                ? config.healthCheckPath
                : grpc ? GRPC_HEALTH_PATH : "/",
        matcher,
        config.healthCheckInterval != null ? config.healthCheckInterval : 15,
        config.healthCheckTimeout != null ? config.healthCheckTimeout : 5,
        config.healthyThresholdCount != null ? config.healthyThresholdCount : 3,
        config.unhealthyThresholdCount != null ? config.unhealthyThresholdCount : 3);
  }

  private static List<Attribute> attributes(List<KeyValue> attributes) {
    return attributes == null
        ? List.of()
        : attributes.stream().map(a -> new Attribute(a.key, a.value)).toList();
  }

  private Map<String, String> tags(Map<String, String> tgcTags) {
    return Map.copyOf(
        UserTags.merge(
            cluster.defaults().tags(),
            cluster.enabled(FeatureGate.ENABLE_DEFAULT_TAGS_LOW_PRIORITY),
            List.of(tgcTags == null ? Map.of() : tgcTags)));
  }

  private TargetGroupBindingResourceSpec binding(
      String id,
      TargetGroupSpec spec,
      String namespace,
      String serviceName,
      SlimService.Port port,
      TargetGroupProps props,
      int tgPort) {
    var labels = new LinkedHashMap<String, String>(TrackingTags.bindingLabels(stack.id()));
    var infrastructure = input.gateway().getSpec().getInfrastructure();
    Map<String, String> annotations = null;
    if (infrastructure != null) {
      if (infrastructure.getLabels() != null) {
        infrastructure.getLabels().forEach(labels::putIfAbsent);
      }
      annotations = infrastructure.getAnnotations();
    }
    Map<String, String> nodeSelector =
        props.nodeSelector == null ? null : props.nodeSelector.getMatchLabels();
    return new TargetGroupBindingResourceSpec(
        new Template(
            new Metadata(spec.name(), namespace, Map.copyOf(labels), annotations),
            new BindingSpec(
                ResourceType.TARGET_GROUP.ref(id, TargetGroupSpec.ARN),
                spec.targetType(),
                new ServiceRef(serviceName, port.port()),
                nodeRuleSource.map(s -> networking(s, spec, tgPort)).orElse(null),
                nodeSelector,
                spec.ipAddressType(),
                cluster.vpcId(),
                spec.protocol(),
                Boolean.TRUE.equals(props.enableMultiCluster) ? Boolean.TRUE : null)));
  }

  /**
   * The target port, the health check port when it is another number, and the target control port.
   */
  private Networking networking(Token source, TargetGroupSpec spec, int tgPort) {
    var from = List.of(NetworkingPeer.securityGroup(source));
    if (cluster.build().disableRestrictedSecurityGroupRules()) {
      return new Networking(
          List.of(new NetworkingIngressRule(from, List.of(new NetworkingPort("TCP", null)))));
    }
    var rules = new ArrayList<NetworkingIngressRule>();
    rules.add(new NetworkingIngressRule(from, List.of(new NetworkingPort("TCP", tgPort))));
    String healthPort = spec.healthCheckConfig().port();
    if (healthPort != null
        && !healthPort.equals("traffic-port")
        && !healthPort.equals(String.valueOf(tgPort))) {
      Object value =
          healthPort.chars().allMatch(Character::isDigit)
              ? Integer.parseInt(healthPort)
              : healthPort;
      rules.add(new NetworkingIngressRule(from, List.of(new NetworkingPort("TCP", value))));
    }
    if (spec.targetControlPort() != null) {
      rules.add(
          new NetworkingIngressRule(
              from, List.of(new NetworkingPort("TCP", spec.targetControlPort()))));
    }
    return new Networking(List.copyOf(rules));
  }
}
