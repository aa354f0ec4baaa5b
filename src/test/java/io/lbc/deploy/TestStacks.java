package io.lbc.deploy;

import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.Token;
import io.lbc.model.TrackingTags;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.ListenerRuleSpec;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.SubnetMappingSpec;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec;
import java.util.List;
import java.util.Map;

/** Hand-built stacks for deployer tests, independent of the model builders. */
final class TestStacks {
  static final String TG_ID = "web/web-api:80";

  private TestStacks() {}

  /** The knobs the tests turn. */
  record Options(
      String targetType,
      String healthCheckPath,
      int healthyThreshold,
      List<String> paths,
      String subnetsCsv) {}

  static Options defaults(List<String> subnets) {
    return new Options("ip", "/healthz", 2, List.of("/api", "/api/*"), String.join(",", subnets));
  }

  static Stack alb(StackId id, String namespace, Options options) {
    var stack = new Stack(id);
    stack.add(
        SecurityGroupSpec.ID,
        new SecurityGroupSpec(
            "k8s-web-web-0123456789",
            "[k8s] Managed SecurityGroup for LoadBalancer",
            List.of(
                new IpPermission(
                    "tcp",
                    80,
                    80,
                    List.of(new IpPermission.IpRange("0.0.0.0/0", "")),
                    List.of(),
                    List.of(),
                    List.of())),
            Map.of("team", "web")));
    String tgName =
        "k8s-web-api-" + ("ip".equals(options.targetType()) ? "aaaaaaaaaa" : "bbbbbbbbbb");
    stack.add(
        TG_ID,
        new TargetGroupSpec(
            tgName,
            options.targetType(),
            8080,
            "HTTP",
            "HTTP1",
            "ipv4",
            new HealthCheckConfig(
                "traffic-port",
                "HTTP",
                options.healthCheckPath(),
                new TargetGroupSpec.Matcher("200", null),
                15,
                5,
                options.healthyThreshold(),
                2),
            List.of(new Attribute("deregistration_delay.timeout_seconds", "30")),
            Map.of("team", "web")));
    stack.add(
        LoadBalancerSpec.ID,
        new LoadBalancerSpec(
            "k8s-web-web-0123456789",
            "application",
            "internet-facing",
            "ipv4",
            List.of(options.subnetsCsv().split(",")).stream().map(SubnetMappingSpec::of).toList(),
            List.of(
                ResourceType.SECURITY_GROUP.ref(SecurityGroupSpec.ID, SecurityGroupSpec.GROUP_ID),
                SharedRefs.BACKEND_SECURITY_GROUP),
            null,
            List.of(new Attribute("idle_timeout.timeout_seconds", "120")),
            Map.of("team", "web")));
    Token lb = ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    Token tg = ResourceType.TARGET_GROUP.ref(TG_ID, TargetGroupSpec.ARN);
    stack.add(
        "80",
        new ListenerSpec(
            lb,
            80,
            "HTTP",
            List.of(
                Action.fixedResponse(new Action.FixedResponseConfig("text/plain", null, "404"))),
            null,
            null,
            null,
            null,
            Map.of("team", "web")));
    stack.add(
        "80:1",
        new ListenerRuleSpec(
            ResourceType.LISTENER.ref("80", ListenerSpec.ARN),
            1,
            List.of(Action.forward(tg)),
            List.of(RuleCondition.pathPattern(options.paths())),
            Map.of("team", "web")));
    stack.add(
        TG_ID,
        new TargetGroupBindingResourceSpec(
            new TargetGroupBindingResourceSpec.Template(
                new TargetGroupBindingResourceSpec.Metadata(
                    tgName, namespace, TrackingTags.bindingLabels(id), null),
                new TargetGroupBindingResourceSpec.BindingSpec(
                    tg,
                    options.targetType(),
                    new TargetGroupBindingResourceSpec.ServiceRef("api", 80),
                    new TargetGroupBindingResourceSpec.Networking(
                        List.of(
                            new TargetGroupBindingResourceSpec.NetworkingIngressRule(
                                List.of(
                                    TargetGroupBindingResourceSpec.NetworkingPeer.securityGroup(
                                        SharedRefs.BACKEND_SECURITY_GROUP)),
                                List.of(
                                    new TargetGroupBindingResourceSpec.NetworkingPort(
                                        "TCP", 8080))))),
                    null,
                    "ipv4",
                    null,
                    null,
                    null))));
    return stack;
  }
}
