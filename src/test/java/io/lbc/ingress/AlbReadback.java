package io.lbc.ingress;

import io.lbc.model.TrackingTags;
import io.lbc.rig.AwsTestClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.shield.model.Protection;
import software.amazon.awssdk.services.waf.model.WebACLSummary;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * Reads what the controller left in moto through the test's own SDK clients: the resources carrying
 * the cluster tag, and listeners and rules in a form that is easy to assert on.
 */
final class AlbReadback {
  private final AwsTestClients aws;
  private final String cluster;

  AlbReadback(AwsTestClients aws, String cluster) {
    this.aws = aws;
    this.cluster = cluster;
  }

  /** A non-default listener rule as it reads: priority, host and path values, forward targets. */
  record RuleView(int priority, List<String> hosts, List<String> paths, List<String> targets) {}

  /** Load balancers tagged with the cluster. */
  List<LoadBalancer> loadBalancers() {
    List<LoadBalancer> all = aws.elbv2().describeLoadBalancers().loadBalancers();
    return all.stream().filter(lb -> ours(tags(lb.loadBalancerArn()))).toList();
  }

  LoadBalancer onlyLoadBalancer() {
    List<LoadBalancer> found = loadBalancers();
    if (found.size() != 1) {
      throw new AssertionError("expected one load balancer of the cluster, found " + found);
    }
    return found.get(0);
  }

  /** Target groups tagged with the cluster. */
  List<TargetGroup> targetGroups() {
    List<TargetGroup> all = aws.elbv2().describeTargetGroups().targetGroups();
    return all.stream().filter(tg -> ours(tags(tg.targetGroupArn()))).toList();
  }

  TargetGroup targetGroup(String arn) {
    return aws.elbv2().describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().get(0);
  }

  /** Security groups carrying the cluster tag key, the shared backend group included. */
  List<SecurityGroup> securityGroups() {
    return aws.ec2()
        .describeSecurityGroups(r -> r.filters(f -> f.name("tag-key").values(TrackingTags.CLUSTER)))
        .securityGroups();
  }

  Map<String, String> tags(String arn) {
    List<TagDescription> descriptions =
        aws.elbv2().describeTags(r -> r.resourceArns(arn)).tagDescriptions();
    var tags = new LinkedHashMap<String, String>();
    descriptions.stream()
        .flatMap(d -> d.tags().stream())
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  static Map<String, String> tagsOf(SecurityGroup group) {
    return group.tags().stream()
        .collect(
            Collectors.toMap(
                software.amazon.awssdk.services.ec2.model.Tag::key,
                software.amazon.awssdk.services.ec2.model.Tag::value));
  }

  List<Listener> listeners(String loadBalancerArn) {
    return aws
        .elbv2()
        .describeListeners(r -> r.loadBalancerArn(loadBalancerArn))
        .listeners()
        .stream()
        .sorted(Comparator.comparing(Listener::port))
        .toList();
  }

  Listener listener(String loadBalancerArn, int port) {
    return listeners(loadBalancerArn).stream()
        .filter(l -> l.port() == port)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no listener on port " + port));
  }

  /** The listener on the port of the cluster's only load balancer. */
  Listener onlyListener(int port) {
    return listener(onlyLoadBalancer().loadBalancerArn(), port);
  }

  /** The listener's rules except the default one, by priority. */
  List<Rule> rules(String listenerArn) {
    return aws.elbv2().describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
        .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
        .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.priority())))
        .toList();
  }

  List<RuleView> ruleViews(String listenerArn) {
    return rules(listenerArn).stream().map(AlbReadback::view).toList();
  }

  static RuleView view(Rule rule) {
    var hosts = new ArrayList<String>();
    var paths = new ArrayList<String>();
    for (RuleCondition condition : rule.conditions()) {
      if ("host-header".equals(condition.field())) {
        hosts.addAll(
            condition.hostHeaderConfig() != null
                ? condition.hostHeaderConfig().values()
                : condition.values());
      } else if ("path-pattern".equals(condition.field())) {
        paths.addAll(
            condition.pathPatternConfig() != null
                ? condition.pathPatternConfig().values()
                : condition.values());
      }
    }
    return new RuleView(Integer.parseInt(rule.priority()), hosts, paths, targets(rule.actions()));
  }

  /** The target groups a list of actions forwards to, however AWS spells the forward. */
  static List<String> targets(List<Action> actions) {
    var arns = new ArrayList<String>();
    for (Action action : actions) {
      if (action.forwardConfig() != null && !action.forwardConfig().targetGroups().isEmpty()) {
        action.forwardConfig().targetGroups().stream()
            .map(TargetGroupTuple::targetGroupArn)
            .forEach(arns::add);
      } else if (action.targetGroupArn() != null) {
        arns.add(action.targetGroupArn());
      }
    }
    return arns;
  }

  /** Certificates of a listener: the default one first, then the others sorted. */
  List<String> certificates(String listenerArn) {
    List<Certificate> all =
        aws.elbv2().describeListenerCertificates(r -> r.listenerArn(listenerArn)).certificates();
    var result = new ArrayList<String>();
    all.stream()
        .filter(c -> Boolean.TRUE.equals(c.isDefault()))
        .map(Certificate::certificateArn)
        .forEach(result::add);
    all.stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .map(Certificate::certificateArn)
        .sorted()
        .forEach(result::add);
    return result;
  }

  /** The ARN of the WAFv2 web ACL associated with the load balancer, if any. */
  Optional<String> wafv2WebAclOf(String loadBalancerArn) {
    return Optional.ofNullable(
            aws.wafv2().getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).webACL())
        .map(WebACL::arn);
  }

  /** The id of the WAF Classic regional web ACL associated with the load balancer, if any. */
  Optional<String> wafRegionalWebAclOf(String loadBalancerArn) {
    return Optional.ofNullable(
            aws.wafRegional()
                .getWebACLForResource(r -> r.resourceArn(loadBalancerArn))
                .webACLSummary())
        .map(WebACLSummary::webACLId);
  }

  /** The Shield Advanced protection of the load balancer, if any. */
  Optional<Protection> shieldProtectionOf(String loadBalancerArn) {
    return aws.shield().listProtections(r -> {}).protections().stream()
        .filter(p -> loadBalancerArn.equals(p.resourceArn()))
        .findFirst();
  }

  private boolean ours(Map<String, String> tags) {
    return cluster.equals(tags.get(TrackingTags.CLUSTER));
  }
}
