package io.lbc.service;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Token;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Networking;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingIngressRule;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPeer;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPort;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound rules a TargetGroupBinding keeps on its targets' security groups (compat-spec §6.2).
 * With NLB security groups: from the rule-source group to the traffic port per protocol and to a
 * separate health-check port. Without: from the client CIDRs when targets see client addresses,
 * else from the NLB's subnets, plus health-check rules from the subnets where the traffic rule does
 * not cover them.
 */
final class NodeRules {
  private static final String TCP = "TCP";
  private static final String UDP = "UDP";

  private final BuildContext context;
  private final Ec2 ec2;

  NodeRules(BuildContext context, Ec2 ec2) {
    this.context = context;
    this.ec2 = ec2;
  }

  /**
   * @param trafficPort the NodePort (instance) or the targetPort, a number or a name (ip)
   * @param healthCheckPort traffic-port or a number
   */
  record Traffic(
      Object trafficPort,
      String healthCheckPort,
      ListenerPort listener,
      boolean preserveClientIp,
      boolean ipv6) {

    boolean healthCheckOnTrafficPort() {
      return healthCheckPort.equals(HealthChecks.TRAFFIC_PORT)
          || Integer.parseInt(healthCheckPort) == number(trafficPort);
    }
  }

  Networking fromSecurityGroup(Token source, Traffic traffic) {
    String protocol = traffic.listener().targetGroupProtocol();
    boolean udp = traffic.listener().carriesUdp();
    var ports = new ArrayList<NetworkingPort>();
    if (context.cluster().build().disableRestrictedSecurityGroupRules()) {
      ports.add(new NetworkingPort(TCP, null));
      if (udp) {
        ports.add(new NetworkingPort(UDP, null));
      }
    } else {
      if (!udp) {
        ports.add(new NetworkingPort(TCP, traffic.trafficPort()));
      } else {
        ports.add(new NetworkingPort(UDP, traffic.trafficPort()));
        if (protocol.startsWith("TCP_") || traffic.healthCheckOnTrafficPort()) {
          ports.add(new NetworkingPort(TCP, traffic.trafficPort()));
        }
      }
      if (!traffic.healthCheckOnTrafficPort()) {
        ports.add(new NetworkingPort(TCP, Integer.parseInt(traffic.healthCheckPort())));
      }
    }
    return new Networking(
        List.of(new NetworkingIngressRule(List.of(NetworkingPeer.securityGroup(source)), ports)));
  }

  Networking withoutSecurityGroups(Traffic traffic, LoadBalancerPlan loadBalancer) {
    boolean manage =
        context.annotations().bool(ServiceAnnotationKeys.MANAGE_BACKEND_RULES).orElse(true);
    if (!manage) {
      return null;
    }
    List<String> subnetCidrs = loadBalancer.subnets().cidrs(traffic.ipv6());
    // UDP-carrying target groups always preserve client addresses
    boolean clientAddresses = traffic.preserveClientIp() || traffic.listener().carriesUdp();
    List<String> sources = subnetCidrs;
    boolean defaultSources = false;
    if (clientAddresses) {
      sources = SourceRanges.of(context).cidrs();
      if (sources.isEmpty()) {
        sources = defaultClientRanges(traffic.ipv6(), loadBalancer.scheme());
        defaultSources = true;
      }
    }
    String protocol = traffic.listener().targetGroupProtocol();
    var trafficPorts = new ArrayList<NetworkingPort>();
    if (protocol.startsWith("TCP_")) {
      trafficPorts.add(new NetworkingPort(TCP, traffic.trafficPort()));
      trafficPorts.add(new NetworkingPort(UDP, traffic.trafficPort()));
    } else {
      trafficPorts.add(
          new NetworkingPort(traffic.listener().carriesUdp() ? UDP : TCP, traffic.trafficPort()));
    }
    var rules = new ArrayList<NetworkingIngressRule>();
    rules.add(new NetworkingIngressRule(peers(sources), trafficPorts));

    boolean trafficRuleCoversHealthChecks =
        !protocol.equals(UDP)
            && traffic.healthCheckOnTrafficPort()
            && (!clientAddresses
                || defaultSources
                || sources.contains("0.0.0.0/0")
                || sources.contains("::/0"));
    if (!trafficRuleCoversHealthChecks && !subnetCidrs.isEmpty()) {
      Object port =
          traffic.healthCheckPort().equals(HealthChecks.TRAFFIC_PORT)
              ? traffic.trafficPort()
              : Integer.valueOf(traffic.healthCheckPort());
      rules.add(
          new NetworkingIngressRule(peers(subnetCidrs), List.of(new NetworkingPort(TCP, port))));
    }
    return new Networking(List.copyOf(rules));
  }

  /** Everyone for an internet-facing NLB; the VPC for an internal one. */
  private List<String> defaultClientRanges(boolean ipv6, LoadBalancerScheme scheme) {
    if (scheme == LoadBalancerScheme.INTERNET_FACING) {
      return List.of(ipv6 ? "::/0" : "0.0.0.0/0");
    }
    if (!ipv6) {
      return context.cluster().vpcIpv4Cidrs();
    }
    return ec2.describeVpc(context.cluster().vpcId())
        .map(Vpc::ipv6Cidrs)
        .orElseThrow(
            () -> new IllegalStateException("VPC " + context.cluster().vpcId() + " not found"));
  }

  private static List<NetworkingPeer> peers(List<String> cidrs) {
    return cidrs.stream().map(NetworkingPeer::cidr).toList();
  }

  /** A port as a number; a named port counts as 0, like Kubernetes' IntOrString.IntValue. */
  static int number(Object port) {
    if (port instanceof Integer number) {
      return number;
    }
    String text = String.valueOf(port);
    return text.matches("\\d+") ? Integer.parseInt(text) : 0;
  }
}
