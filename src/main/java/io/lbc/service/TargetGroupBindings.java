package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.MULTI_CLUSTER_TARGET_GROUP;
import static io.lbc.service.ServiceAnnotationKeys.TARGET_NODE_LABELS;

import io.lbc.model.TargetType;
import io.lbc.model.Token;
import io.lbc.model.TrackingTags;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.BindingSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Metadata;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Networking;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.ServiceRef;
import java.util.Map;

/**
 * The TargetGroupBinding of a target group: named after it, in the Service's namespace, labelled
 * with the stack, with the node rules its targets need.
 */
final class TargetGroupBindings {
  private final BuildContext context;
  private final NodeRules nodeRules;

  TargetGroupBindings(BuildContext context, NodeRules nodeRules) {
    this.context = context;
    this.nodeRules = nodeRules;
  }

  /** A target group being built, with what its binding derives from it. */
  record Target(TargetGroupSpec spec, Token arn, ListenerPort listener, boolean preserveClientIp) {}

  TargetGroupBindingResourceSpec build(Target target, LoadBalancerPlan loadBalancer) {
    var service = context.service();
    ServiceView.Port port = target.listener().servicePort();
    boolean instance = target.spec().targetType().equals(TargetType.INSTANCE.value());
    Object trafficPort = instance ? port.nodePort() : port.targetPort();
    var traffic =
        new NodeRules.Traffic(
            trafficPort,
            target.spec().healthCheckConfig().port(),
            target.listener(),
            target.preserveClientIp(),
            target.spec().ipAddressType().equals("ipv6"));
    SecurityPlan security = loadBalancer.security();
    Networking networking;
    if (security.securityGroupLess()) {
      networking = nodeRules.withoutSecurityGroups(traffic, loadBalancer);
    } else if (security.ruleSource() != null) {
      networking = nodeRules.fromSecurityGroup(security.ruleSource(), traffic);
    } else {
      networking = null;
    }
    var metadata =
        new Metadata(
            target.spec().name(),
            service.namespace(),
            TrackingTags.bindingLabels(context.stackId()),
            null);
    var spec =
        new BindingSpec(
            target.arn(),
            target.spec().targetType(),
            new ServiceRef(service.name(), port.port()),
            networking,
            instance ? nodeSelector() : null,
            target.spec().ipAddressType(),
            context.cluster().vpcId(),
            target.spec().protocol(),
            context.annotations().bool(MULTI_CLUSTER_TARGET_GROUP).orElse(false) ? true : null);
    return new TargetGroupBindingResourceSpec(
        new TargetGroupBindingResourceSpec.Template(metadata, spec));
  }

  private Map<String, String> nodeSelector() {
    Map<String, String> labels =
        context.annotations().stringMap(TARGET_NODE_LABELS).orElse(Map.of());
    return labels.isEmpty() ? null : labels;
  }
}
