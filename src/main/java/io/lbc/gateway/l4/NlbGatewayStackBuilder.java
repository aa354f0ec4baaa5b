package io.lbc.gateway.l4;

import io.lbc.config.ClusterContext;
import io.lbc.gateway.AlbGatewayBuilder;
import io.lbc.gateway.GatewayAddOns;
import io.lbc.gateway.GatewayFlavor;
import io.lbc.gateway.ListenerOwner;
import io.lbc.gateway.ListenerSetHandshake;
import io.lbc.gateway.ListenerState;
import io.lbc.gateway.ListenerValidation;
import io.lbc.gateway.RouteAttachment;
import io.lbc.gateway.l4.BackendResolution.Backend;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ParentRef;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.gateway.l4.NlbGatewayBuild.ListenerResult;
import io.lbc.gateway.l4.NlbGatewayBuild.RouteParentResult;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec.ListenerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec.SubnetConfiguration;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackKind;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import io.lbc.networking.SubnetRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the NLB stack of a Gateway whose class names {@code gateway.k8s.aws/nlb} (gateway-spec
 * §4): the load balancer and its managed security group, one AWS listener per port of the valid
 * TCP/UDP/TLS listeners (the Gateway's, then those of the ListenerSets it accepts, gateway-spec
 * §2.3) that have a route, and a target group with its TargetGroupBinding per (route, Service).
 * Writes nothing. Bad input never fails the whole Gateway: an invalid listener, a refused route or
 * an unusable backend is reported on its own status and left out.
 */
public final class NlbGatewayStackBuilder {
  /** The controller name of NLB GatewayClasses. */
  public static final String CONTROLLER_NAME = "gateway.k8s.aws/nlb";

  static final String FIELD = "LoadBalancerConfiguration";

  private final ClusterContext cluster;
  private final AlbGatewayBuilder.Readers readers;

  /**
   * @param readers the AWS lookups (subnets, security groups by name, ACM discovery), as for ALBs
   */
  public NlbGatewayStackBuilder(ClusterContext cluster, AlbGatewayBuilder.Readers readers) {
    this.cluster = cluster;
    this.readers = readers;
  }

  public static StackId stackId(String namespace, String name) {
    return StackId.gateway(StackKind.GATEWAY_NLB, namespace, name);
  }

  public NlbGatewayBuild build(NlbGatewayInput input) {
    Gateway gateway = input.gateway();
    LoadBalancerConfigurationSpec config = input.config();
    var stack = new Stack(stackId(gateway.metadata().namespace(), gateway.metadata().name()));
    var typed = GatewayApi.typed(gateway);
    Function<String, Map<String, String>> namespaceLabels =
        ns -> input.namespaceLabels().getOrDefault(ns, Map.of());
    ListenerSetHandshake.Result listenerSets =
        ListenerSetHandshake.of(typed, input.listenerSets(), namespaceLabels);
    List<ListenerState> verdicts =
        ListenerValidation.validate(GatewayFlavor.NLB, typed, listenerSets.accepted());
    var attachment = new RouteAttachment(typed, verdicts, listenerSets, namespaceLabels);
    var resolution = new BackendResolution(input.services(), input.referenceGrants());

    var routeResults = new ArrayList<RouteParentResult>();
    var attachedCount = new LinkedHashMap<ListenerKey, Integer>();
    // port -> routes attached there, with the hostnames they serve
    var routesByPort = new TreeMap<Integer, Map<Route, List<String>>>();
    var backendsByRoute = new LinkedHashMap<Route, List<Backend>>();
    for (Route route : input.routes()) {
      List<RouteAttachment.Parent> parents = attachment.attach(GatewayApi.view(route));
      if (parents.isEmpty()) {
        continue;
      }
      var backends = resolution.resolve(route);
      for (RouteAttachment.Parent parent : parents) {
        ParentRef ref = route.parentRefs().get(parent.index());
        routeResults.add(routeResult(route, ref, parent, backends));
        if (!parent.attached() || backends.refusal() != null) {
          continue;
        }
        for (var attached : parent.listeners()) {
          attachedCount.merge(ListenerKey.of(attached.listener()), 1, Integer::sum);
          routesByPort
              .computeIfAbsent(attached.listener().port(), p -> new LinkedHashMap<>())
              .computeIfAbsent(route, r -> new ArrayList<>())
              .addAll(attached.hostnames());
        }
        backendsByRoute.put(route, backends.backends());
      }
    }

    Token ruleSource = addLoadBalancer(stack, gateway, verdicts, config, input);
    var targetGroups = new NlbTargetGroups(cluster, input, ruleSource);
    Map<ListenerKey, String> notProgrammed = new LinkedHashMap<>();
    for (var port : routesByPort.entrySet()) {
      List<ListenerState> onPort =
          verdicts.stream().filter(v -> v.valid() && v.port() == port.getKey()).toList();
      addListener(
              stack,
              gateway,
              config,
              port.getKey(),
              onPort,
              port.getValue(),
              backendsByRoute,
              targetGroups)
          .ifPresent(reason -> onPort.forEach(v -> notProgrammed.put(ListenerKey.of(v), reason)));
    }
    var listenerResults = new ArrayList<ListenerResult>();
    for (ListenerState verdict : verdicts) {
      ListenerKey key = ListenerKey.of(verdict);
      listenerResults.add(
          new ListenerResult(verdict, attachedCount.getOrDefault(key, 0), notProgrammed.get(key)));
    }
    var notices = new ArrayList<String>(notApplied(config));
    GatewayAddOns.add(
        stack,
        GatewayAddOns.NLB,
        config,
        gateway.metadata().annotations(),
        cluster,
        readers.addOns(),
        notices);
    notices.addAll(targetGroups.notices());
    return new NlbGatewayBuild(
        stack,
        List.copyOf(listenerResults),
        List.copyOf(routeResults),
        List.copyOf(new LinkedHashSet<>(notices)),
        listenerSets);
  }

  /** A listener by its owner and name: names are unique only within one Gateway or ListenerSet. */
  private record ListenerKey(ListenerOwner owner, String name) {
    static ListenerKey of(ListenerState listener) {
      return new ListenerKey(listener.owner(), listener.name());
    }
  }

  private RouteParentResult routeResult(
      Route route,
      ParentRef ref,
      RouteAttachment.Parent outcome,
      BackendResolution.Result backends) {
    var conditions = new ArrayList<StatusCondition>();
    conditions.add(
        backends.unresolved() == null
            ? StatusCondition.isTrue("ResolvedRefs", "ResolvedRefs", "")
            : StatusCondition.isFalse(
                "ResolvedRefs", backends.unresolved(), backends.unresolvedMessage()));
    if (!outcome.attached()) {
      conditions.add(StatusCondition.isFalse("Accepted", outcome.failure(), outcome.message()));
    } else if (backends.refusal() != null) {
      conditions.add(
          StatusCondition.isFalse("Accepted", backends.refusal(), backends.refusalMessage()));
    } else {
      conditions.add(StatusCondition.isTrue("Accepted", "Accepted", ""));
    }
    return new RouteParentResult(
        route.kind(),
        route.metadata().namespace(),
        route.metadata().name(),
        route.metadata().generationOrZero(),
        ref,
        List.copyOf(conditions));
  }

  /**
   * LoadBalancerConfiguration fields the reference applies to NLBs that this builder does not:
   * named, never silently dropped. ALB-only fields (wafV2, shield, customerOwnedIpv4Pool,
   * mutualAuthentication, targetGroupStickiness) are ignored on an NLB as the reference ignores
   * them.
   */
  static List<String> notApplied(LoadBalancerConfigurationSpec config) {
    var notices = new ArrayList<String>();
    if (Boolean.TRUE.equals(config.disableSecurityGroup)) {
      notices.add(FIELD + " disableSecurityGroup is not applied to NLB Gateways yet");
    }
    if (Boolean.TRUE.equals(config.enableIcmp)) {
      notices.add(FIELD + " enableICMP is not applied to NLB Gateways yet");
    }
    if (config.ipv4IpamPoolId != null) {
      notices.add(FIELD + " ipv4IPAMPoolId is not applied to Gateways yet");
    }
    if (config.loadBalancerSubnets != null
        && config.loadBalancerSubnets.stream().anyMatch(s -> s.sourceNatIpv6Prefix != null)) {
      notices.add(
          FIELD + " loadBalancerSubnets[].sourceNatIpv6Prefix is not applied to Gateways yet");
    }
    if (config.listenerConfigurations != null) {
      for (ListenerConfiguration listener : config.listenerConfigurations) {
        if (listener.quicEnabled != null) {
          notices.add(
              FIELD
                  + " listenerConfigurations["
                  + listener.protocolPort
                  + "].quicEnabled is not applied to Gateways yet");
        }
      }
    }
    return List.copyOf(notices);
  }

  /** Adds the NLB and its managed security group; returns the group node rules admit. */
  private Token addLoadBalancer(
      Stack stack,
      Gateway gateway,
      List<ListenerState> verdicts,
      LoadBalancerConfigurationSpec config,
      NlbGatewayInput input) {
    String namespace = gateway.metadata().namespace();
    String name = gateway.metadata().name();
    String uid = gateway.metadata().uid();
    LoadBalancerScheme scheme =
        config.scheme == null
            ? cluster.defaults().scheme()
            : config.scheme == LoadBalancerConfigurationSpec.Scheme.INTERNET_FACING
                ? LoadBalancerScheme.INTERNET_FACING
                : LoadBalancerScheme.INTERNAL;
    String ipAddressType = AlbGatewayBuilder.ipAddressType(config);
    Map<String, String> tags = userTags(config.tags);
    boolean backendGroup = cluster.build().enableBackendSecurityGroup();
    var groups = new ArrayList<Token>();
    Token ruleSource;
    if (config.securityGroups != null && !config.securityGroups.isEmpty()) {
      readers
          .securityGroups()
          .resolve(FIELD + " securityGroups", config.securityGroups)
          .forEach(id -> groups.add(Token.of(id)));
      ruleSource = null;
      if (Boolean.TRUE.equals(config.manageBackendSecurityGroupRules)) {
        if (!backendGroup) {
          throw new UserInputException(
              FIELD + " manageBackendSecurityGroupRules", "needs --enable-backend-security-group");
        }
        groups.add(SharedRefs.BACKEND_SECURITY_GROUP);
        ruleSource = SharedRefs.BACKEND_SECURITY_GROUP;
      }
    } else {
      stack.add(
          SecurityGroupSpec.ID,
          new SecurityGroupSpec(
              Names.namespacedName(
                  namespace, name, Names.hash(cluster.clusterName(), name, namespace, uid)),
              "[k8s] Managed SecurityGroup for LoadBalancer",
              AlbGatewayBuilder.securityGroupRules(config, verdicts, ipAddressType),
              tags));
      Token managed =
          ResourceType.SECURITY_GROUP.ref(SecurityGroupSpec.ID, SecurityGroupSpec.GROUP_ID);
      groups.add(managed);
      if (backendGroup) {
        groups.add(SharedRefs.BACKEND_SECURITY_GROUP);
      }
      ruleSource = backendGroup ? SharedRefs.BACKEND_SECURITY_GROUP : managed;
    }
    List<String> existingSubnets =
        input
            .existing()
            .filter(lb -> scheme.value().equals(lb.scheme()))
            .map(lb -> lb.subnets().stream().map(s -> s.subnetId()).toList())
            .orElse(List.of());
    Optional<List<String>> explicit =
        config.loadBalancerSubnets == null
            ? Optional.empty()
            : Optional.of(config.loadBalancerSubnets.stream().map(s -> s.identifier).toList());
    List<String> subnetIds =
        readers
            .subnets()
            .resolve(
                new SubnetRequest(
                    config.loadBalancerSubnets != null
                        ? FIELD + " loadBalancerSubnets"
                        : config.loadBalancerSubnetsSelector != null
                            ? FIELD + " loadBalancerSubnetsSelector"
                            : "Gateway " + gateway.key(),
                    scheme,
                    false,
                    !ipAddressType.equals("ipv4"),
                    explicit,
                    Optional.ofNullable(config.loadBalancerSubnetsSelector),
                    existingSubnets));
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            config.loadBalancerName != null
                ? config.loadBalancerName
                : Names.namespacedName(
                    namespace, name, Names.hash(cluster.clusterName(), uid, scheme.value())),
            "network",
            scheme.value(),
            ipAddressType,
            subnetMappings(config, subnetIds),
            List.copyOf(groups),
            null,
            AlbGatewayBuilder.attributes(config.loadBalancerAttributes),
            tags,
            config.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic,
            null,
            null));
    return ruleSource;
  }

  /** The subnets in order, each with the allocations its loadBalancerSubnets entry names. */
  private static List<SubnetMappingSpec> subnetMappings(
      LoadBalancerConfigurationSpec config, List<String> subnetIds) {
    var result = new ArrayList<SubnetMappingSpec>();
    for (int i = 0; i < subnetIds.size(); i++) {
      SubnetConfiguration entry =
          config.loadBalancerSubnets != null && i < config.loadBalancerSubnets.size()
              ? config.loadBalancerSubnets.get(i)
              : null;
      result.add(
          entry == null
              ? SubnetMappingSpec.of(subnetIds.get(i))
              : new SubnetMappingSpec(
                  subnetIds.get(i),
                  entry.eipAllocation,
                  entry.privateIpv4Allocation,
                  entry.ipv6Allocation,
                  null));
    }
    return List.copyOf(result);
  }

  private Map<String, String> userTags(Map<String, String> tags) {
    return AlbGatewayBuilder.userTags(cluster, tags);
  }

  /**
   * The AWS listener of one port: one route wins (oldest, then by namespace/name) and all its
   * backends go into the forward action; none when that route has no backend with weight > 0.
   *
   * @return why the port's listeners are not programmed, if they are not
   */
  private Optional<String> addListener(
      Stack stack,
      Gateway gateway,
      LoadBalancerConfigurationSpec config,
      int port,
      List<ListenerState> listeners,
      Map<Route, List<String>> routes,
      Map<Route, List<Backend>> backendsByRoute,
      NlbTargetGroups targetGroups) {
    String protocol = protocol(listeners);
    Route winner =
        routes.keySet().stream()
            .min(
                Comparator.comparing((Route r) -> orEmpty(r.metadata().creationTimestamp()))
                    .thenComparing(Route::key))
            .orElseThrow();
    List<Backend> backends = backendsByRoute.getOrDefault(winner, List.of());
    if (backends.stream().noneMatch(b -> b.weight() > 0)) {
      // As the reference: no AWS listener on this port (connections are refused, which is what a
      // route without a usable backend asks for), and the Gateway listener stays Programmed with
      // the load balancer; the route's ResolvedRefs already names a bad backend.
      return Optional.empty();
    }
    List<ListenerSpec.Certificate> certs = null;
    String sslPolicy = null;
    List<String> alpn = null;
    ListenerConfiguration listenerConfig = AlbGatewayBuilder.listenerConfig(config, protocol, port);
    if (protocol.equals("TLS")
        && listenerConfig != null
        && (listenerConfig.defaultCertificate != null || listenerConfig.certificates != null)) {
      var named = new ArrayList<ListenerSpec.Certificate>();
      if (listenerConfig.defaultCertificate != null) {
        named.add(new ListenerSpec.Certificate(listenerConfig.defaultCertificate));
      }
      if (listenerConfig.certificates != null) {
        listenerConfig.certificates.stream()
            .filter(arn -> !arn.equals(listenerConfig.defaultCertificate))
            .forEach(arn -> named.add(new ListenerSpec.Certificate(arn)));
      }
      certs = List.copyOf(named);
    } else if (protocol.equals("TLS")) {
      var hostnames = new LinkedHashSet<String>();
      listeners.forEach(l -> Optional.ofNullable(l.hostname()).ifPresent(hostnames::add));
      routes.values().forEach(hostnames::addAll);
      if (hostnames.isEmpty()) {
        return Optional.of(
            "No hostnames found for TLS cert discovery for listener on gateway "
                + gateway.key()
                + " with protocol:port TLS:"
                + port);
      }
      try {
        certs =
            readers
                .certificates()
                .discover("spec.listeners (port " + port + ")", hostnames)
                .stream()
                .map(ListenerSpec.Certificate::new)
                .toList();
      } catch (UserInputException e) {
        return Optional.of(e.getMessage());
      }
    }
    if (protocol.equals("TLS")) {
      sslPolicy =
          listenerConfig != null && listenerConfig.sslPolicy != null
              ? listenerConfig.sslPolicy
              : cluster.defaults().sslPolicy();
      alpn =
          List.of(
              listenerConfig != null && listenerConfig.alpnPolicy != null
                  ? alpnValue(listenerConfig.alpnPolicy)
                  : "None");
    }
    var tuples = new ArrayList<TargetGroupTuple>();
    for (Backend backend : backends) {
      tuples.add(
          new TargetGroupTuple(
              targetGroups.add(stack, winner, backend, protocol), backend.weight()));
    }
    stack.add(
        String.valueOf(port),
        new ListenerSpec(
            ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN),
            port,
            protocol,
            List.of(Action.forward(new ForwardConfig(List.copyOf(tuples), null))),
            certs,
            sslPolicy,
            alpn,
            listenerConfig == null
                ? List.of()
                : AlbGatewayBuilder.attributes(listenerConfig.listenerAttributes),
            userTags(config.tags)));
    return Optional.empty();
  }

  private static String alpnValue(LoadBalancerConfigurationSpec.AlpnPolicy policy) {
    return switch (policy) {
      case HTTP1_ONLY -> "HTTP1Only";
      case HTTP2_ONLY -> "HTTP2Only";
      case HTTP2_OPTIONAL -> "HTTP2Optional";
      case HTTP2_PREFERRED -> "HTTP2Preferred";
      case NONE -> "None";
    };
  }

  /** TLS passthrough is TCP; TCP and UDP on one port merge into TCP_UDP. */
  private static String protocol(List<ListenerState> listeners) {
    var protocols = new LinkedHashSet<String>();
    for (ListenerState v : listeners) {
      String p = v.protocol();
      protocols.add(p.equals("TLS") && GatewayApi.passthrough(v.listener()) ? "TCP" : p);
    }
    if (protocols.contains("TCP") && protocols.contains("UDP")) {
      return "TCP_UDP";
    }
    return protocols.iterator().next();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
