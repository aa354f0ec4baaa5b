package io.lbc.gateway.l4;

import io.lbc.config.ClusterContext;
import io.lbc.gateway.GatewayFlavor;
import io.lbc.gateway.ListenerState;
import io.lbc.gateway.ListenerValidation;
import io.lbc.gateway.RouteAttachment;
import io.lbc.gateway.l4.BackendResolution.Backend;
import io.lbc.gateway.l4.GatewayApi.Gateway;
import io.lbc.gateway.l4.GatewayApi.ParentRef;
import io.lbc.gateway.l4.GatewayApi.Route;
import io.lbc.gateway.l4.NlbGatewayBuild.ListenerResult;
import io.lbc.gateway.l4.NlbGatewayBuild.RouteParentResult;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Names;
import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackKind;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import io.lbc.networking.SubnetRequest;
import io.lbc.networking.SubnetResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the NLB stack of a Gateway whose class names {@code gateway.k8s.aws/nlb} (gateway-spec
 * §4): the load balancer and its managed security group, one AWS listener per port of the valid
 * TCP/UDP/TLS listeners that have a route, and a target group with its TargetGroupBinding per
 * (route, Service). Writes nothing. Bad input never fails the whole Gateway: an invalid listener, a
 * refused route or an unusable backend is reported on its own status and left out.
 */
public final class NlbGatewayStackBuilder {
  /** The controller name of NLB GatewayClasses. */
  public static final String CONTROLLER_NAME = "gateway.k8s.aws/nlb";

  /** Finds certificates for TLS listeners by hostname (ACM discovery). */
  @FunctionalInterface
  public interface CertificateLookup {
    /**
     * @throws UserInputException when a hostname has no certificate
     */
    List<String> discover(String field, Collection<String> hostnames);
  }

  private final ClusterContext cluster;
  private final SubnetResolver subnets;
  private final CertificateLookup certificates;

  public NlbGatewayStackBuilder(
      ClusterContext cluster, SubnetResolver subnets, CertificateLookup certificates) {
    this.cluster = cluster;
    this.subnets = subnets;
    this.certificates = certificates;
  }

  public static StackId stackId(String namespace, String name) {
    return StackId.gateway(StackKind.GATEWAY_NLB, namespace, name);
  }

  public NlbGatewayBuild build(NlbGatewayInput input) {
    Gateway gateway = input.gateway();
    refuseUnsupported(gateway);
    var stack = new Stack(stackId(gateway.metadata().namespace(), gateway.metadata().name()));
    var typed = GatewayApi.typed(gateway);
    List<ListenerState> verdicts =
        ListenerValidation.validate(GatewayFlavor.NLB, typed.getSpec().getListeners());
    var attachment =
        new RouteAttachment(
            typed, verdicts, ns -> input.namespaceLabels().getOrDefault(ns, Map.of()));
    var resolution = new BackendResolution(input.services(), input.referenceGrants());

    var routeResults = new ArrayList<RouteParentResult>();
    var attachedCount = new LinkedHashMap<String, Integer>();
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
          attachedCount.merge(attached.listener().name(), 1, Integer::sum);
          routesByPort
              .computeIfAbsent(attached.listener().port(), p -> new LinkedHashMap<>())
              .computeIfAbsent(route, r -> new ArrayList<>())
              .addAll(attached.hostnames());
        }
        backendsByRoute.put(route, backends.backends());
      }
    }

    LoadBalancerScheme scheme = cluster.defaults().scheme();
    Token ruleSource = addLoadBalancer(stack, gateway, verdicts, scheme, input);
    var targetGroups = new NlbTargetGroups(cluster, gateway, ruleSource);
    Map<String, String> notProgrammed = new LinkedHashMap<>();
    for (var port : routesByPort.entrySet()) {
      List<ListenerState> onPort =
          verdicts.stream().filter(v -> v.valid() && v.port() == port.getKey()).toList();
      addListener(
              stack, gateway, port.getKey(), onPort, port.getValue(), backendsByRoute, targetGroups)
          .ifPresent(reason -> onPort.forEach(v -> notProgrammed.put(v.name(), reason)));
    }
    var listenerResults = new ArrayList<ListenerResult>();
    for (ListenerState verdict : verdicts) {
      String name = verdict.name();
      listenerResults.add(
          new ListenerResult(
              verdict, attachedCount.getOrDefault(name, 0), notProgrammed.get(name)));
    }
    return new NlbGatewayBuild(stack, List.copyOf(listenerResults), List.copyOf(routeResults));
  }

  /** Fields this builder does not honour yet are refused, never silently ignored. */
  private static void refuseUnsupported(Gateway gateway) {
    var infrastructure = gateway.spec().infrastructure();
    if (infrastructure != null && infrastructure.parametersRef() != null) {
      throw new UserInputException(
          "spec.infrastructure.parametersRef",
          "LoadBalancerConfiguration is not supported on NLB Gateways by this controller yet");
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

  /** Adds the NLB and its managed security group; returns the group node rules admit. */
  private Token addLoadBalancer(
      Stack stack,
      Gateway gateway,
      List<ListenerState> verdicts,
      LoadBalancerScheme scheme,
      NlbGatewayInput input) {
    String namespace = gateway.metadata().namespace();
    String name = gateway.metadata().name();
    String uid = gateway.metadata().uid();
    Map<String, String> tags = cluster.defaults().tags();
    var ingress = new ArrayList<IpPermission>();
    for (ListenerState verdict : verdicts) {
      if (!verdict.valid()) {
        continue;
      }
      int port = verdict.port();
      ingress.add(
          new IpPermission(
              verdict.protocol().equals("UDP") ? "udp" : "tcp",
              port,
              port,
              List.of(new IpPermission.IpRange("0.0.0.0/0", null)),
              null,
              null,
              null));
    }
    stack.add(
        SecurityGroupSpec.ID,
        new SecurityGroupSpec(
            Names.namespacedName(
                namespace, name, Names.hash(cluster.clusterName(), name, namespace, uid)),
            "[k8s] Managed SecurityGroup for LoadBalancer",
            List.copyOf(new LinkedHashSet<>(ingress)),
            tags));
    Token managed =
        ResourceType.SECURITY_GROUP.ref(SecurityGroupSpec.ID, SecurityGroupSpec.GROUP_ID);
    boolean backendGroup = cluster.build().enableBackendSecurityGroup();
    List<Token> groups =
        backendGroup ? List.of(managed, SharedRefs.BACKEND_SECURITY_GROUP) : List.of(managed);
    List<String> existingSubnets =
        input
            .existing()
            .filter(lb -> scheme.value().equals(lb.scheme()))
            .map(lb -> lb.subnets().stream().map(s -> s.subnetId()).toList())
            .orElse(List.of());
    List<String> subnetIds =
        subnets.resolve(
            new SubnetRequest(
                "Gateway " + gateway.key(),
                scheme,
                false,
                false,
                Optional.empty(),
                Optional.empty(),
                existingSubnets));
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            Names.namespacedName(
                namespace, name, Names.hash(cluster.clusterName(), uid, scheme.value())),
            "network",
            scheme.value(),
            "ipv4",
            subnetIds.stream().map(SubnetMappingSpec::of).toList(),
            groups,
            null,
            List.of(),
            tags));
    return backendGroup ? SharedRefs.BACKEND_SECURITY_GROUP : managed;
  }

  /**
   * The AWS listener of one port: one route wins (oldest, then by namespace/name) and all its
   * backends go into the forward action.
   *
   * @return why the port's listeners are not programmed, if they are not
   */
  private Optional<String> addListener(
      Stack stack,
      Gateway gateway,
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
      return Optional.of(
          "Route " + winner.kind() + " " + winner.key() + " has no usable backend with weight > 0");
    }
    List<ListenerSpec.Certificate> certs = null;
    String sslPolicy = null;
    List<String> alpn = null;
    if (protocol.equals("TLS")) {
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
            certificates.discover("spec.listeners (port " + port + ")", hostnames).stream()
                .map(ListenerSpec.Certificate::new)
                .toList();
      } catch (UserInputException e) {
        return Optional.of(e.getMessage());
      }
      sslPolicy = cluster.defaults().sslPolicy();
      alpn = List.of("None");
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
            List.of(),
            cluster.defaults().tags()));
    return Optional.empty();
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
