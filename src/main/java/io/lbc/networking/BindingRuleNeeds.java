package io.lbc.networking;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.lbc.k8s.TargetGroupBindingSpec.Networking;
import io.lbc.k8s.TargetGroupBindingSpec.NetworkingIngressRule;
import io.lbc.k8s.TargetGroupBindingSpec.NetworkingPeer;
import io.lbc.k8s.TargetGroupBindingSpec.NetworkingPort;
import io.lbc.k8s.TargetGroupBindingSpec.NetworkingProtocol;
import io.lbc.model.UserInputException;
import io.lbc.networking.RuleKey.RuleSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads a binding's {@code spec.networking} into the rules it needs on its targets' groups. */
public final class BindingRuleNeeds {
  private BindingRuleNeeds() {}

  /** The protocols and sources the spec names, without resolving any target. */
  public static Set<String> sourcesOf(Networking networking) {
    var result = new LinkedHashSet<String>();
    for (NetworkingIngressRule rule : rules(networking)) {
      for (NetworkingPeer peer : nullSafe(rule.from)) {
        for (NetworkingPort port : nullSafe(rule.ports)) {
          result.add(protocol(port) + " " + peerSource(peer, "spec.networking.ingress"));
        }
      }
    }
    return result;
  }

  /** The key {@link #sourcesOf} uses for a protocol and a source. */
  public static String sourceKey(String protocol, RuleSource source) {
    return protocol + " " + source;
  }

  /**
   * @param targetGroupIds the security groups of the binding's targets
   * @param namedPort the container ports a named port stands for on the binding's pods; null for
   *     instance targets, where names cannot be resolved
   */
  public static RuleContribution contribution(
      Networking networking,
      Collection<String> targetGroupIds,
      Function<String, Set<Integer>> namedPort) {
    Map<RuleKey, PortRange> ranges = new HashMap<>();
    List<NetworkingIngressRule> rules = rules(networking);
    for (int i = 0; i < rules.size(); i++) {
      NetworkingIngressRule rule = rules.get(i);
      List<NetworkingPort> ports = nullSafe(rule.ports);
      List<NetworkingPeer> peers = nullSafe(rule.from);
      for (int p = 0; p < peers.size(); p++) {
        RuleSource source =
            peerSource(peers.get(p), "spec.networking.ingress[" + i + "].from[" + p + "]");
        for (int j = 0; j < ports.size(); j++) {
          String field = "spec.networking.ingress[" + i + "].ports[" + j + "].port";
          PortRange range = range(ports.get(j).port, namedPort, field);
          if (range == null) {
            continue;
          }
          for (String groupId : targetGroupIds) {
            ranges.merge(
                new RuleKey(groupId, protocol(ports.get(j)), source), range, PortRange::span);
          }
        }
      }
    }
    return new RuleContribution(ranges);
  }

  private static PortRange range(
      IntOrString port, Function<String, Set<Integer>> namedPort, String field) {
    if (port == null) {
      return PortRange.ALL;
    }
    if (port.getIntVal() != null) {
      return PortRange.of(port.getIntVal());
    }
    if (namedPort == null) {
      throw new UserInputException(field, "named ports are only allowed with ip targets");
    }
    Set<Integer> numbers = namedPort.apply(port.getStrVal());
    if (numbers.isEmpty()) {
      return null;
    }
    int min = numbers.stream().mapToInt(Integer::intValue).min().orElseThrow();
    int max = numbers.stream().mapToInt(Integer::intValue).max().orElseThrow();
    return new PortRange(min, max);
  }

  private static String protocol(NetworkingPort port) {
    return port.protocol == NetworkingProtocol.UDP ? "udp" : "tcp";
  }

  private static RuleSource peerSource(NetworkingPeer peer, String field) {
    boolean cidr = peer.ipBlock != null && peer.ipBlock.cidr != null;
    boolean group = peer.securityGroup != null && peer.securityGroup.groupID != null;
    if (cidr == group) {
      throw new UserInputException(field, "exactly one of ipBlock and securityGroup is required");
    }
    return cidr
        ? RuleSource.cidr(peer.ipBlock.cidr)
        : RuleSource.securityGroup(peer.securityGroup.groupID);
  }

  private static List<NetworkingIngressRule> rules(Networking networking) {
    return networking == null ? List.of() : nullSafe(networking.ingress);
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
