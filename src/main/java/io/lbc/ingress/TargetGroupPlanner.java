package io.lbc.ingress;

import io.lbc.annotations.Annotations;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.FeatureGate;
import io.lbc.k8s.cache.SlimService;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.TargetType;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the target groups of one member (compat-spec §1.3 #39–#52, §5.1): one per (Service, port as
 * written), with the Service's annotations winning over the Ingress's.
 */
final class TargetGroupPlanner {
  static final String TARGET_TYPE =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "target-type");
  static final String BACKEND_PROTOCOL =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "backend-protocol");
  static final String BACKEND_PROTOCOL_VERSION =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "backend-protocol-version");
  static final String TARGET_GROUP_ATTRIBUTES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "target-group-attributes");
  static final String TARGET_NODE_LABELS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "target-node-labels");
  static final String MULTI_CLUSTER =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "multi-cluster-target-group");
  static final String TARGET_CONTROL_PORT =
      KeyInventory.honoured(
          Surface.INGRESS_ANNOTATION, "target-control-port.${serviceName}.${servicePort}");
  static final String TRAFFIC_PORT = "traffic-port";

  private final MemberContext context;
  private final Map<String, TargetGroupPlan> plans = new LinkedHashMap<>();

  TargetGroupPlanner(MemberContext context) {
    this.context = context;
  }

  Map<String, TargetGroupPlan> plans() {
    return plans;
  }

  /**
   * The target group for a Service port, planned once per id.
   *
   * @param port the port as the Ingress writes it: an Integer or a port name
   * @return the id of the target group
   */
  String plan(String field, BackendService service, Object port) {
    GroupMember member = context.member();
    String id = member.namespace() + "/" + member.name() + "-" + service.name() + ":" + port;
    if (!plans.containsKey(id)) {
      plans.put(id, build(id, field, service, port));
    }
    return id;
  }

  static Token arn(String targetGroupId) {
    return ResourceType.TARGET_GROUP.ref(targetGroupId, TargetGroupSpec.ARN);
  }

  private TargetGroupPlan build(String id, String field, BackendService service, Object port) {
    SlimService.Port servicePort = service.port(field, port);
    var settings = new BackendSettings(context.source(), service, context.cluster()::enabled);
    TargetType targetType = targetType(settings);
    String protocol = oneOf(settings, BACKEND_PROTOCOL, "HTTP", List.of("HTTP", "HTTPS"));
    String version =
        oneOf(settings, BACKEND_PROTOCOL_VERSION, "HTTP1", List.of("HTTP1", "HTTP2", "GRPC"));
    int tgPort = targetGroupPort(settings, service, servicePort, targetType);
    HealthCheckConfig healthCheck =
        new HealthChecks(settings, service, targetType).build(protocol, version);
    Integer controlPort = targetControlPort(settings, service, port, targetType);
    String name = name(service, port, tgPort, targetType, protocol, version, controlPort);
    var spec =
        new TargetGroupSpec(
            name,
            targetType.value(),
            tgPort,
            protocol,
            version,
            service.ipv6() ? "ipv6" : "ipv4",
            healthCheck,
            attributes(settings),
            tags(settings, service),
            controlPort);
    Object targetPort =
        targetType == TargetType.INSTANCE
            ? (Object) servicePort.nodePort()
            : BackendService.targetPort(servicePort);
    Integer healthCheckPort =
        healthCheck.port().equals(TRAFFIC_PORT) ? null : Integer.valueOf(healthCheck.port());
    return new TargetGroupPlan(
        id,
        spec,
        service.namespace(),
        service.name(),
        port,
        targetPort,
        healthCheckPort,
        targetType == TargetType.INSTANCE ? nodeSelector(settings) : null,
        multiCluster(settings, service));
  }

  private TargetType targetType(BackendSettings settings) {
    var params = context.source().params().map(p -> p.targetType);
    String raw =
        params
            .map(t -> t.name().toLowerCase(Locale.ROOT))
            .orElseGet(
                () ->
                    settings.read(
                        TARGET_TYPE,
                        a ->
                            a.string(TARGET_TYPE)
                                .orElse(context.cluster().defaults().targetType().value())));
    String field =
        params.isPresent()
            ? context.source().paramsField("targetType")
            : settings.annotations().key(TARGET_TYPE);
    TargetType type =
        TargetType.parse(raw)
            .orElseThrow(
                () ->
                    params.isPresent()
                        ? new UserInputException(field, "'" + raw + "' is not one of instance, ip")
                        : settings.invalid(
                            TARGET_TYPE, "'" + raw + "' is not one of instance, ip"));
    if (type == TargetType.IP && !context.cluster().enabled(FeatureGate.ENABLE_IP_TARGET_TYPE)) {
      throw new UserInputException(
          field, "ip targets are turned off (--feature-gates=EnableIPTargetType=false)");
    }
    return type;
  }

  static String oneOf(
      BackendSettings settings, String suffix, String fallback, List<String> allowed) {
    String value = settings.read(suffix, a -> a.string(suffix).orElse(fallback));
    if (!allowed.contains(value)) {
      throw settings.invalid(suffix, "'" + value + "' is not one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** Not in the data path (targets register with their own port), so only informative. */
  private static int targetGroupPort(
      BackendSettings settings, BackendService service, SlimService.Port port, TargetType type) {
    if (type == TargetType.INSTANCE) {
      Integer nodePort = port.nodePort();
      if (nodePort == null || nodePort == 0) {
        throw settings.invalid(
            TARGET_TYPE,
            "instance targets need a NodePort, but port "
                + port.port()
                + " of Service "
                + service.key()
                + " has none; make it a NodePort or LoadBalancer Service, or use target-type ip");
      }
      return nodePort;
    }
    Object target = BackendService.targetPort(port);
    return target instanceof Integer number ? number : 1;
  }

  private String name(
      BackendService service,
      Object port,
      int tgPort,
      TargetType type,
      String protocol,
      String version,
      Integer controlPort) {
    GroupMember member = context.member();
    var inputs =
        new ArrayList<>(
            List.of(
                context.cluster().clusterName(),
                context.group().value(),
                member.namespace(),
                member.name(),
                service.uid(),
                String.valueOf(port),
                String.valueOf(tgPort),
                type.value(),
                protocol,
                version));
    if (controlPort != null) {
      inputs.add(String.valueOf(controlPort));
    }
    String hash = Names.hash(inputs.toArray(String[]::new));
    return Names.namespacedName(service.namespace(), service.name(), hash);
  }

  /**
   * {@code target-control-port.<service>.<port as written>}: the ALB target optimizer's agent port,
   * ip targets only.
   */
  private static Integer targetControlPort(
      BackendSettings settings, BackendService service, Object port, TargetType type) {
    String suffix = TARGET_CONTROL_PORT + service.name() + "." + port;
    Integer controlPort = settings.read(suffix, a -> a.int32(suffix).orElse(null));
    if (controlPort != null && type == TargetType.INSTANCE) {
      throw settings.invalid(
          suffix, "target control port is not supported for instance target target group");
    }
    return controlPort;
  }

  private static List<Attribute> attributes(BackendSettings settings) {
    Map<String, String> raw =
        settings.read(
            TARGET_GROUP_ATTRIBUTES, a -> a.stringMap(TARGET_GROUP_ATTRIBUTES).orElse(Map.of()));
    var result = new ArrayList<Attribute>();
    new TreeMap<String, String>(raw).forEach((k, v) -> result.add(new Attribute(k, v)));
    return List.copyOf(result);
  }

  /** IngressClassParams tags over the Service's over the Ingress's. */
  private Map<String, String> tags(BackendSettings settings, BackendService service) {
    MemberSource source = context.source();
    var ingressTags =
        source.annotations().stringMap(LoadBalancerSettingsReader.TAGS).orElse(Map.of());
    var serviceTags =
        Annotations.ingress(service.annotations())
            .stringMap(LoadBalancerSettingsReader.TAGS)
            .orElse(Map.of());
    var classTags =
        source.params().map(p -> LoadBalancerSettingsReader.attributes(p.tags)).orElse(Map.of());
    var annotationTags = new LinkedHashMap<String, String>(ingressTags);
    annotationTags.putAll(serviceTags);
    LoadBalancerSettingsReader.rejectExternallyManaged(
        settings.annotations().key(LoadBalancerSettingsReader.TAGS),
        annotationTags,
        context.cluster());
    LoadBalancerSettingsReader.rejectExternallyManaged(
        source.paramsField("tags"), classTags, context.cluster());
    return context.userTags(List.of(classTags, annotationTags));
  }

  private static Map<String, String> nodeSelector(BackendSettings settings) {
    Map<String, String> labels =
        settings.read(TARGET_NODE_LABELS, a -> a.stringMap(TARGET_NODE_LABELS).orElse(Map.of()));
    return labels.isEmpty() ? null : new TreeMap<>(labels);
  }

  /** True when the Ingress or the Service asks for it. */
  private boolean multiCluster(BackendSettings settings, BackendService service) {
    boolean onIngress = context.source().annotations().bool(MULTI_CLUSTER).orElse(false);
    boolean onService =
        settings.read(
            MULTI_CLUSTER,
            a -> Annotations.ingress(service.annotations()).bool(MULTI_CLUSTER).orElse(false));
    return onIngress || onService;
  }
}
