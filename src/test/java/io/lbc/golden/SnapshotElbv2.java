package io.lbc.golden;

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

/** Read-only {@link Elbv2} over an {@link AwsSnapshot}; every write throws. */
public final class SnapshotElbv2 implements Elbv2 {
  private final AwsSnapshot snapshot;

  public SnapshotElbv2(AwsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public List<LoadBalancer> describeLoadBalancers() {
    return snapshot.loadBalancers();
  }

  @Override
  public Optional<LoadBalancer> describeLoadBalancer(String arn) {
    return snapshot.loadBalancers().stream().filter(lb -> lb.arn().equals(arn)).findFirst();
  }

  @Override
  public LoadBalancer createLoadBalancer(CreateLoadBalancer request) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public Map<String, String> describeLoadBalancerAttributes(String arn) {
    return Map.of();
  }

  @Override
  public void modifyLoadBalancerAttributes(String arn, Map<String, String> attributes) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroupIds) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void setSubnets(String arn, List<SubnetMapping> subnets) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void setIpAddressType(String arn, String ipAddressType) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public List<Listener> describeListeners(String loadBalancerArn) {
    return List.of();
  }

  @Override
  public Listener createListener(
      String loadBalancerArn, ListenerSettings settings, Map<String, String> tags) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public Listener modifyListener(String listenerArn, ListenerSettings settings) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void deleteListener(String listenerArn) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public List<ListenerCertificate> describeListenerCertificates(String listenerArn) {
    return List.of();
  }

  @Override
  public void addListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void removeListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public Map<String, String> describeListenerAttributes(String listenerArn) {
    return Map.of();
  }

  @Override
  public void modifyListenerAttributes(String listenerArn, Map<String, String> attributes) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public List<Rule> describeRules(String listenerArn) {
    return List.of();
  }

  @Override
  public Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      Map<String, String> tags) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void modifyRule(String ruleArn, List<Action> actions, List<RuleCondition> conditions) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void setRulePriorities(Map<String, Integer> priorityByRuleArn) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void deleteRule(String ruleArn) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public List<TargetGroup> describeTargetGroups() {
    return snapshot.targetGroups();
  }

  @Override
  public Optional<TargetGroup> describeTargetGroup(String arn) {
    return snapshot.targetGroups().stream().filter(tg -> tg.arn().equals(arn)).findFirst();
  }

  @Override
  public Optional<TargetGroup> describeTargetGroupByName(String name) {
    return snapshot.targetGroups().stream().filter(tg -> tg.name().equals(name)).findFirst();
  }

  @Override
  public TargetGroup createTargetGroup(CreateTargetGroup request) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public TargetGroup modifyTargetGroup(String arn, HealthCheckConfig healthCheck) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void deleteTargetGroup(String arn) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public Map<String, String> describeTargetGroupAttributes(String arn) {
    return Map.of();
  }

  @Override
  public void modifyTargetGroupAttributes(String arn, Map<String, String> attributes) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public List<TargetHealth> describeTargetHealth(String targetGroupArn) {
    return List.of();
  }

  @Override
  public int registerTargets(String targetGroupArn, Collection<Target> targets) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public int deregisterTargets(String targetGroupArn, Collection<Target> targets) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    var result = new java.util.LinkedHashMap<String, Map<String, String>>();
    arns.forEach(arn -> result.put(arn, snapshot.tags().getOrDefault(arn, Map.of())));
    return result;
  }

  @Override
  public void addTags(String arn, Map<String, String> tags) {
    throw SnapshotEc2.readOnly();
  }

  @Override
  public void removeTags(String arn, Collection<String> keys) {
    throw SnapshotEc2.readOnly();
  }
}
