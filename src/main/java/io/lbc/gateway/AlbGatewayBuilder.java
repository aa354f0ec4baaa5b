package io.lbc.gateway;

import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.ingress.AddOnLookups;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.ingress.OidcSecrets;
import io.lbc.k8s.gateway.KeyValue;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec.ListenerConfiguration;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.UserTags;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.ListenerRuleSpec;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetRequest;
import io.lbc.networking.SubnetResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the ALB stack of one Gateway (gateway-spec §4): the load balancer and its managed security
 * group, one listener per port that has routes, the rules of the HTTPRoutes and GRPCRoutes attached
 * there, and their target groups. Writes nothing. A route ALB cannot serve is refused on its own
 * status and left out, and a port whose certificate cannot be found is reported on its listeners:
 * everything else of the Gateway is still built.
 */
public final class AlbGatewayBuilder {
  static final String FIELD = "LoadBalancerConfiguration";

  /** The read-only AWS lookups building needs. */
  public record Readers(
      SubnetResolver subnets,
      SecurityGroupResolver securityGroups,
      CertificateDiscovery certificates,
      AddOnLookups addOns) {}

  private final ClusterContext cluster;
  private final Readers readers;

  public AlbGatewayBuilder(ClusterContext cluster, Readers readers) {
    this.cluster = cluster;
    this.readers = readers;
  }

  /**
   * @param existing the stack's load balancer now, if any: its subnets are kept for the same scheme
   * @throws UserInputException when the Gateway as a whole cannot be built (e.g. no subnets)
   */
  public GatewayBuild build(GatewayInput input, Optional<LoadBalancer> existing) {
    Map<String, RouteVerdict> refused = new HashMap<>();
    while (true) {
      GatewayBuild build = attempt(input, existing, refused);
      Map<String, RouteVerdict> now = new HashMap<>();
      build
          .verdicts()
          .forEach(
              (route, verdict) -> {
                if (verdict.refused()) {
                  now.put(route, verdict);
                }
              });
      if (refused.keySet().containsAll(now.keySet())) {
        return build;
      }
      // build again without them, so that nothing a refused route asked for stays in the stack
      now.forEach(refused::putIfAbsent);
    }
  }

  private GatewayBuild attempt(
      GatewayInput input, Optional<LoadBalancer> existing, Map<String, RouteVerdict> refused) {
    var stack =
        new Stack(StackId.gateway(input.flavor().stackKind(), input.namespace(), input.name()));
    ListenerSetHandshake.Result listenerSets =
        ListenerSetHandshake.of(input.gateway(), input.listenerSets(), input::namespaceLabels);
    List<ListenerState> listeners =
        ListenerValidation.validate(input.flavor(), input.gateway(), listenerSets.accepted());
    var attachment =
        new RouteAttachment(input.gateway(), listeners, listenerSets, input::namespaceLabels);
    var parents = new ArrayList<RouteAttachment.Parent>();
    for (RouteView route : input.routes()) {
      if (input.flavor().routeKinds().contains(route.kind())) {
        parents.addAll(attachment.attach(route));
      }
    }
    var verdicts = new HashMap<String, RouteVerdict>(refused);
    LoadBalancerConfigurationSpec config = input.config();
    Map<String, String> tags = userTags(config.tags);
    LoadBalancerScheme scheme =
        config.scheme == null
            ? cluster.defaults().scheme()
            : config.scheme == LoadBalancerConfigurationSpec.Scheme.INTERNET_FACING
                ? LoadBalancerScheme.INTERNET_FACING
                : LoadBalancerScheme.INTERNAL;
    String ipAddressType = ipAddressType(config);
    var securityGroups = new ArrayList<Token>();
    Optional<Token> nodeRuleSource =
        frontend(stack, input, config, listeners, ipAddressType, tags, securityGroups);
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            config.loadBalancerName != null
                ? config.loadBalancerName
                : Names.namespacedName(
                    input.namespace(),
                    input.name(),
                    Names.hash(
                        cluster.clusterName(),
                        input.gateway().getMetadata().getUid(),
                        scheme.value())),
            "application",
            scheme.value(),
            ipAddressType,
            subnets(config, scheme, ipAddressType, existing),
            List.copyOf(securityGroups),
            config.customerOwnedIpv4Pool,
            attributes(config.loadBalancerAttributes),
            tags));

    var targetGroups = new GatewayTargetGroups(cluster, input, stack, nodeRuleSource);
    var label = cluster.config().kube().requiredSecretsLabel();
    var rules =
        new AlbRouteRules(
            targetGroups,
            verdicts,
            input.listenerRuleConfigurations(),
            (namespace, name) ->
                input
                    .oidcSecret(namespace, name)
                    .filter(s -> label.isEmpty() || OidcSecrets.hasLabel(s, label.get())));
    Map<Integer, String> portProblems = new TreeMap<>();
    Map<Integer, List<RuleUnit>> unitsByPort = new TreeMap<>();
    Map<Integer, Set<String>> hostsByPort = new TreeMap<>();
    Map<Integer, String> protocolByPort = new TreeMap<>();
    for (ListenerState listener : listeners) {
      if (listener.valid()) {
        protocolByPort.putIfAbsent(listener.port(), listener.protocol());
        if (listener.hostname() != null) {
          hostsByPort
              .computeIfAbsent(listener.port(), p -> new LinkedHashSet<>())
              .add(listener.hostname());
        }
      }
    }
    for (RouteAttachment.Parent parent : parents) {
      if (!parent.attached() || refused.containsKey(parent.route().key())) {
        continue;
      }
      for (RouteAttachment.Attached attached : parent.listeners()) {
        int port = attached.listener().port();
        hostsByPort
            .computeIfAbsent(port, p -> new LinkedHashSet<>())
            .addAll(
                attached.hostnames().isEmpty() ? parent.route().hostnames() : attached.hostnames());
        var units = unitsByPort.computeIfAbsent(port, p -> new ArrayList<>());
        // one route attached through two listeners of a port adds its rules once per hostname
        for (RuleUnit unit :
            rules.units(parent.route(), attached.hostnames(), protocolByPort.get(port))) {
          String managed = externallyManaged(unit.tags());
          if (managed != null) {
            verdicts.merge(
                unit.route().key(),
                RouteVerdict.OK.refuse(
                    GatewayReasons.UNSUPPORTED_VALUE,
                    "ListenerRuleConfiguration tag key '"
                        + managed
                        + "' is managed outside the controller (--external-managed-tags)"),
                (a, b) -> a.refuse(b.refusal(), b.refusalMessage()));
          } else if (units.stream().noneMatch(u -> sameUnit(u, unit))) {
            units.add(unit);
          }
        }
      }
    }
    Token lbArn = ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    unitsByPort.forEach(
        (port, units) -> {
          String protocol = protocolByPort.get(port);
          List<ListenerSpec.Certificate> certificates;
          try {
            certificates =
                certificates(config, protocol, port, hostsByPort.getOrDefault(port, Set.of()));
          } catch (UserInputException e) {
            portProblems.put(port, e.getMessage());
            return;
          }
          ListenerConfiguration listenerConfig = listenerConfig(config, protocol, port);
          stack.add(
              String.valueOf(port),
              new ListenerSpec(
                  lbArn,
                  port,
                  protocol,
                  List.of(Action.fixedResponse(new FixedResponseConfig("text/plain", null, "404"))),
                  certificates,
                  protocol.equals("HTTPS")
                      ? listenerConfig != null && listenerConfig.sslPolicy != null
                          ? listenerConfig.sslPolicy
                          : cluster.defaults().sslPolicy()
                      : null,
                  null,
                  listenerConfig == null
                      ? List.of()
                      : attributes(listenerConfig.listenerAttributes),
                  tags));
          Token listenerArn = ResourceType.LISTENER.ref(String.valueOf(port), ListenerSpec.ARN);
          List<RuleUnit> sorted = new ArrayList<>(units);
          sorted.removeIf(u -> verdicts.getOrDefault(u.route().key(), RouteVerdict.OK).refused());
          sorted.sort(RuleUnit.PRECEDENCE);
          int priority = 1;
          for (RuleUnit unit : sorted) {
            stack.add(
                port + ":" + priority,
                new ListenerRuleSpec(
                    listenerArn,
                    priority,
                    unit.actions(),
                    unit.conditions(),
                    unit.transforms(),
                    ruleTags(unit.tags())));
            priority++;
          }
        });
    var notices = new ArrayList<>(notApplied(config));
    GatewayAddOns.add(
        stack,
        GatewayAddOns.ALB,
        config,
        input.gateway().getMetadata().getAnnotations(),
        cluster,
        readers.addOns(),
        notices);
    notices.addAll(targetGroups.notices());
    return new GatewayBuild(
        stack,
        listeners,
        List.copyOf(parents),
        Map.copyOf(verdicts),
        Map.copyOf(portProblems),
        List.copyOf(notices),
        listenerSets);
  }

  /**
   * LoadBalancerConfiguration fields an ALB Gateway does not apply yet: named, never silently
   * dropped. NLB-only fields are ignored on an ALB as the reference ignores them.
   */
  static List<String> notApplied(LoadBalancerConfigurationSpec config) {
    var notices = new ArrayList<String>();
    if (config.ipv4IpamPoolId != null) {
      notices.add(FIELD + " ipv4IPAMPoolId is not applied to Gateways yet");
    }
    if (config.listenerConfigurations != null) {
      for (ListenerConfiguration listener : config.listenerConfigurations) {
        if (listener.mutualAuthentication != null) {
          notices.add(
              FIELD
                  + " listenerConfigurations["
                  + listener.protocolPort
                  + "].mutualAuthentication is not applied to Gateways yet");
        }
      }
    }
    return List.copyOf(notices);
  }

  private static boolean sameUnit(RuleUnit a, RuleUnit b) {
    return a.route() == b.route()
        && a.ruleIndex() == b.ruleIndex()
        && a.matchIndex() == b.matchIndex()
        && a.hostname().equals(b.hostname());
  }

  /** The default tags and a ListenerRuleConfiguration's tags, when rules are tagged. */
  private Map<String, String> ruleTags(Map<String, String> configured) {
    return cluster.enabled(FeatureGate.LISTENER_RULES_TAGGING) ? userTags(configured) : Map.of();
  }

  /** The first of these tag keys that --external-managed-tags reserves, or null. */
  private String externallyManaged(Map<String, String> tags) {
    return tags.keySet().stream()
        .filter(cluster.build().externalManagedTags()::contains)
        .sorted()
        .findFirst()
        .orElse(null);
  }

  private List<ListenerSpec.Certificate> certificates(
      LoadBalancerConfigurationSpec config, String protocol, int port, Set<String> hosts) {
    if (!protocol.equals("HTTPS")) {
      return List.of();
    }
    ListenerConfiguration listener = listenerConfig(config, protocol, port);
    if (listener != null
        && (listener.defaultCertificate != null || listener.certificates != null)) {
      var result = new ArrayList<ListenerSpec.Certificate>();
      if (listener.defaultCertificate != null) {
        result.add(new ListenerSpec.Certificate(listener.defaultCertificate));
      }
      if (listener.certificates != null) {
        listener.certificates.stream()
            .filter(arn -> !arn.equals(listener.defaultCertificate))
            .forEach(arn -> result.add(new ListenerSpec.Certificate(arn)));
      }
      return result;
    }
    if (hosts.isEmpty()) {
      throw new UserInputException(
          FIELD,
          "No hostnames found for TLS cert discovery for listener with protocol:port "
              + protocol
              + ":"
              + port
              + "; give the listener or its routes hostnames, or name a certificate in a"
              + " LoadBalancerConfiguration listenerConfiguration");
    }
    return readers.certificates().discover("listener " + protocol + ":" + port, hosts).stream()
        .map(arn -> new ListenerSpec.Certificate(arn, true))
        .toList();
  }

  /** The configuration's entry for {@code protocol:port}, or null. */
  public static ListenerConfiguration listenerConfig(
      LoadBalancerConfigurationSpec config, String protocol, int port) {
    if (config.listenerConfigurations == null) {
      return null;
    }
    String key = protocol + ":" + port;
    return config.listenerConfigurations.stream()
        .filter(l -> key.equalsIgnoreCase(l.protocolPort))
        .findFirst()
        .orElse(null);
  }

  private Optional<Token> frontend(
      Stack stack,
      GatewayInput input,
      LoadBalancerConfigurationSpec config,
      List<ListenerState> listeners,
      String ipAddressType,
      Map<String, String> tags,
      List<Token> result) {
    boolean backendGroup = cluster.build().enableBackendSecurityGroup();
    if (config.securityGroups != null && !config.securityGroups.isEmpty()) {
      readers
          .securityGroups()
          .resolve(FIELD + " securityGroups", config.securityGroups)
          .forEach(id -> result.add(Token.of(id)));
      if (Boolean.TRUE.equals(config.manageBackendSecurityGroupRules)) {
        if (!backendGroup) {
          throw new UserInputException(
              FIELD + " manageBackendSecurityGroupRules", "needs --enable-backend-security-group");
        }
        result.add(SharedRefs.BACKEND_SECURITY_GROUP);
        return Optional.of(SharedRefs.BACKEND_SECURITY_GROUP);
      }
      return Optional.empty();
    }
    var gateway = input.gateway().getMetadata();
    stack.add(
        SecurityGroupSpec.ID,
        new SecurityGroupSpec(
            Names.namespacedName(
                input.namespace(),
                input.name(),
                Names.hash(
                    cluster.clusterName(),
                    gateway.getName(),
                    gateway.getNamespace(),
                    gateway.getUid())),
            "[k8s] Managed SecurityGroup for LoadBalancer",
            securityGroupRules(config, listeners, ipAddressType),
            tags));
    Token managed =
        ResourceType.SECURITY_GROUP.ref(SecurityGroupSpec.ID, SecurityGroupSpec.GROUP_ID);
    result.add(managed);
    if (backendGroup) {
      result.add(SharedRefs.BACKEND_SECURITY_GROUP);
      return Optional.of(SharedRefs.BACKEND_SECURITY_GROUP);
    }
    return Optional.of(managed);
  }

  /**
   * On every valid listener port (udp for a UDP listener, else tcp), from each source range (IPv6
   * only on dualstack) and prefix list. Shared by ALB and NLB Gateways.
   */
  public static List<IpPermission> securityGroupRules(
      LoadBalancerConfigurationSpec config, List<ListenerState> listeners, String ipAddressType) {
    boolean dualstack = !ipAddressType.equals("ipv4");
    List<String> ranges =
        config.sourceRanges != null && !config.sourceRanges.isEmpty()
            ? config.sourceRanges
            : dualstack ? List.of("0.0.0.0/0", "::/0") : List.of("0.0.0.0/0");
    record PortProtocol(int port, String protocol) {}
    var ports = new LinkedHashSet<PortProtocol>();
    listeners.stream()
        .filter(ListenerState::valid)
        .forEach(
            l -> ports.add(new PortProtocol(l.port(), "UDP".equals(l.protocol()) ? "udp" : "tcp")));
    var permissions = new ArrayList<IpPermission>();
    for (PortProtocol entry : ports) {
      int port = entry.port();
      String protocol = entry.protocol();
      for (String cidr : ranges) {
        if (cidr.contains(":")) {
          if (dualstack) {
            permissions.add(
                new IpPermission(
                    protocol,
                    port,
                    port,
                    null,
                    List.of(new IpPermission.Ipv6Range(cidr, null)),
                    null,
                    null));
          }
        } else {
          permissions.add(
              new IpPermission(
                  protocol,
                  port,
                  port,
                  List.of(new IpPermission.IpRange(cidr, null)),
                  null,
                  null,
                  null));
        }
      }
      if (config.securityGroupPrefixes != null) {
        for (String id : config.securityGroupPrefixes) {
          permissions.add(
              new IpPermission(
                  protocol,
                  port,
                  port,
                  null,
                  null,
                  List.of(new IpPermission.PrefixListId(id, null)),
                  null));
        }
      }
    }
    return List.copyOf(permissions);
  }

  /** The configuration's IP address type as AWS spells it (ipv4 when unset). */
  public static String ipAddressType(LoadBalancerConfigurationSpec config) {
    if (config.ipAddressType == null) {
      return "ipv4";
    }
    return switch (config.ipAddressType) {
      case IPV4 -> "ipv4";
      case DUALSTACK -> "dualstack";
      case DUALSTACK_WITHOUT_PUBLIC_IPV4 -> "dualstack-without-public-ipv4";
    };
  }

  private List<SubnetMappingSpec> subnets(
      LoadBalancerConfigurationSpec config,
      LoadBalancerScheme scheme,
      String ipAddressType,
      Optional<LoadBalancer> existing) {
    List<String> existingSubnets =
        existing
            .filter(lb -> scheme.value().equals(lb.scheme()))
            .map(lb -> lb.subnets().stream().map(SubnetMapping::subnetId).toList())
            .orElse(List.of());
    Optional<List<String>> explicit =
        config.loadBalancerSubnets == null
            ? Optional.empty()
            : Optional.of(config.loadBalancerSubnets.stream().map(s -> s.identifier).toList());
    var request =
        new SubnetRequest(
            FIELD
                + (explicit.isPresent() ? " loadBalancerSubnets" : " loadBalancerSubnetsSelector"),
            scheme,
            true,
            !ipAddressType.equals("ipv4"),
            explicit,
            Optional.ofNullable(config.loadBalancerSubnetsSelector),
            existingSubnets);
    return readers.subnets().resolve(request).stream().map(SubnetMappingSpec::of).toList();
  }

  public static List<Attribute> attributes(List<KeyValue> attributes) {
    return attributes == null
        ? List.of()
        : attributes.stream().map(a -> new Attribute(a.key, a.value)).toList();
  }

  private Map<String, String> userTags(Map<String, String> tags) {
    return userTags(cluster, tags);
  }

  /**
   * The default tags under the configuration's tags.
   *
   * @throws UserInputException when a tag key is managed outside the controller
   */
  public static Map<String, String> userTags(ClusterContext cluster, Map<String, String> tags) {
    for (String key : tags == null ? Set.<String>of() : tags.keySet()) {
      if (cluster.build().externalManagedTags().contains(key)) {
        throw new UserInputException(
            FIELD + " tags",
            "tag key '" + key + "' is managed outside the controller (--external-managed-tags)");
      }
    }
    return Map.copyOf(
        UserTags.merge(
            cluster.defaults().tags(),
            cluster.enabled(FeatureGate.ENABLE_DEFAULT_TAGS_LOW_PRIORITY),
            List.of(tags == null ? Map.of() : tags)));
  }
}
