package io.lbc.ingress;

import io.lbc.config.ClusterContext;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.TrackingTags;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adds the target groups the listeners use, each with one TargetGroupBinding (same id) that
 * registers the Service's endpoints and opens the node rules from the load balancer.
 */
final class TargetGroupAssembler {
  private final ClusterContext cluster;

  TargetGroupAssembler(ClusterContext cluster) {
    this.cluster = cluster;
  }

  /**
   * @param nodeRuleSource the security group node rules admit; empty for no rules
   */
  void add(
      Stack stack, GroupSettings settings, Set<String> referenced, Optional<Token> nodeRuleSource) {
    for (MemberPlan member : settings.members) {
      for (TargetGroupPlan plan : member.targetGroups().values()) {
        if (!referenced.contains(plan.id())) {
          continue;
        }
        stack.add(plan.id(), plan.spec());
        stack.add(plan.id(), binding(stack, plan, nodeRuleSource));
      }
    }
  }

  private TargetGroupBindingResourceSpec binding(
      Stack stack, TargetGroupPlan plan, Optional<Token> source) {
    return new TargetGroupBindingResourceSpec(
        new Template(
            new Metadata(
                plan.spec().name(),
                plan.serviceNamespace(),
                TrackingTags.bindingLabels(stack.id()),
                null),
            new BindingSpec(
                TargetGroupPlanner.arn(plan.id()),
                plan.spec().targetType(),
                new ServiceRef(plan.serviceName(), plan.servicePort()),
                source.map(s -> networking(s, plan)).orElse(null),
                plan.nodeSelector(),
                plan.spec().ipAddressType(),
                cluster.vpcId(),
                plan.spec().protocol(),
                plan.multiCluster() ? Boolean.TRUE : null)));
  }

  /**
   * One rule for the target port, one for a numeric health check port other than it and one for the
   * target control port; all ports with {@code --disable-restricted-sg-rules}.
   */
  private Networking networking(Token source, TargetGroupPlan plan) {
    var from = List.of(NetworkingPeer.securityGroup(source));
    if (cluster.build().disableRestrictedSecurityGroupRules()) {
      return new Networking(
          List.of(new NetworkingIngressRule(from, List.of(new NetworkingPort("TCP", null)))));
    }
    var rules = new ArrayList<NetworkingIngressRule>();
    rules.add(
        new NetworkingIngressRule(from, List.of(new NetworkingPort("TCP", plan.targetPort()))));
    if (plan.healthCheckPort() != null && !plan.healthCheckPort().equals(plan.targetPort())) {
      rules.add(
          new NetworkingIngressRule(
              from, List.of(new NetworkingPort("TCP", plan.healthCheckPort()))));
    }
    Integer controlPort = plan.spec().targetControlPort();
    if (controlPort != null) {
      rules.add(new NetworkingIngressRule(from, List.of(new NetworkingPort("TCP", controlPort))));
    }
    return new Networking(List.copyOf(rules));
  }
}
