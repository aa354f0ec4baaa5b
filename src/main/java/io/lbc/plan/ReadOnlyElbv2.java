package io.lbc.plan;

import io.lbc.aws.elbv2.CreateLoadBalancer;
import io.lbc.aws.elbv2.CreateTargetGroup;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Listener;
import io.lbc.aws.elbv2.ListenerCertificate;
import io.lbc.aws.elbv2.ListenerSettings;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.Rule;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.aws.elbv2.Target;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.aws.elbv2.TargetHealth;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Elbv2} that only reads: every write throws, so {@code plan} cannot change AWS. */
final class ReadOnlyElbv2 implements Elbv2 {
  private final Elbv2 delegate;

  ReadOnlyElbv2(Elbv2 delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<LoadBalancer> describeLoadBalancers() {
    return delegate.describeLoadBalancers();
  }

  @Override
  public Optional<LoadBalancer> describeLoadBalancer(String arn) {
    return delegate.describeLoadBalancer(arn);
  }

  @Override
  public LoadBalancer createLoadBalancer(CreateLoadBalancer request) {
    throw refused("createLoadBalancer");
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    throw refused("deleteLoadBalancer");
  }

  @Override
  public Map<String, String> describeLoadBalancerAttributes(String arn) {
    return delegate.describeLoadBalancerAttributes(arn);
  }

  @Override
  public void modifyLoadBalancerAttributes(String arn, Map<String, String> attributes) {
    throw refused("modifyLoadBalancerAttributes");
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroupIds) {
    throw refused("setSecurityGroups");
  }

  @Override
  public void setSubnets(String arn, List<SubnetMapping> subnets) {
    throw refused("setSubnets");
  }

  @Override
  public void setIpAddressType(String arn, String ipAddressType) {
    throw refused("setIpAddressType");
  }

  @Override
  public List<Listener> describeListeners(String loadBalancerArn) {
    return delegate.describeListeners(loadBalancerArn);
  }

  @Override
  public Listener createListener(
      String loadBalancerArn, ListenerSettings settings, Map<String, String> tags) {
    throw refused("createListener");
  }

  @Override
  public Listener modifyListener(String listenerArn, ListenerSettings settings) {
    throw refused("modifyListener");
  }

  @Override
  public void deleteListener(String listenerArn) {
    throw refused("deleteListener");
  }

  @Override
  public List<ListenerCertificate> describeListenerCertificates(String listenerArn) {
    return delegate.describeListenerCertificates(listenerArn);
  }

  @Override
  public void addListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw refused("addListenerCertificates");
  }

  @Override
  public void removeListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw refused("removeListenerCertificates");
  }

  @Override
  public Map<String, String> describeListenerAttributes(String listenerArn) {
    return delegate.describeListenerAttributes(listenerArn);
  }

  @Override
  public void modifyListenerAttributes(String listenerArn, Map<String, String> attributes) {
    throw refused("modifyListenerAttributes");
  }

  @Override
  public List<Rule> describeRules(String listenerArn) {
    return delegate.describeRules(listenerArn);
  }

  @Override
  public Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      Map<String, String> tags) {
    throw refused("createRule");
  }

  @Override
  public void modifyRule(String ruleArn, List<Action> actions, List<RuleCondition> conditions) {
    throw refused("modifyRule");
  }

  @Override
  public void setRulePriorities(Map<String, Integer> priorityByRuleArn) {
    throw refused("setRulePriorities");
  }

  @Override
  public void deleteRule(String ruleArn) {
    throw refused("deleteRule");
  }

  @Override
  public List<TargetGroup> describeTargetGroups() {
    return delegate.describeTargetGroups();
  }

  @Override
  public Optional<TargetGroup> describeTargetGroup(String arn) {
    return delegate.describeTargetGroup(arn);
  }

  @Override
  public Optional<TargetGroup> describeTargetGroupByName(String name) {
    return delegate.describeTargetGroupByName(name);
  }

  @Override
  public TargetGroup createTargetGroup(CreateTargetGroup request) {
    throw refused("createTargetGroup");
  }

  @Override
  public TargetGroup modifyTargetGroup(String arn, HealthCheckConfig healthCheck) {
    throw refused("modifyTargetGroup");
  }

  @Override
  public void deleteTargetGroup(String arn) {
    throw refused("deleteTargetGroup");
  }

  @Override
  public Map<String, String> describeTargetGroupAttributes(String arn) {
    return delegate.describeTargetGroupAttributes(arn);
  }

  @Override
  public void modifyTargetGroupAttributes(String arn, Map<String, String> attributes) {
    throw refused("modifyTargetGroupAttributes");
  }

  @Override
  public List<TargetHealth> describeTargetHealth(String targetGroupArn) {
    return delegate.describeTargetHealth(targetGroupArn);
  }

  @Override
  public int registerTargets(String targetGroupArn, Collection<Target> targets) {
    throw refused("registerTargets");
  }

  @Override
  public int deregisterTargets(String targetGroupArn, Collection<Target> targets) {
    throw refused("deregisterTargets");
  }

  @Override
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    return delegate.describeTags(arns);
  }

  @Override
  public void addTags(String arn, Map<String, String> tags) {
    throw refused("addTags");
  }

  @Override
  public void removeTags(String arn, Collection<String> keys) {
    throw refused("removeTags");
  }

  private static UnsupportedOperationException refused(String operation) {
    return new UnsupportedOperationException("plan never writes to AWS, refused " + operation);
  }
}
