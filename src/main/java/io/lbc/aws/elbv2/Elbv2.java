package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleTransform;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ELBv2 operations the controller uses, paged and batched internally, in domain types. Actions
 * and conditions are the model's records with literal tokens. Methods that look a resource up by
 * ARN or name return empty when it does not exist; all others throw the SDK's exception.
 */
public interface Elbv2 {
  /**
   * The account's load balancer quotas by DescribeAccountLimits name (e.g. {@code
   * rules-per-application-load-balancer}); empty where the port cannot tell.
   */
  default java.util.Map<String, Integer> describeAccountLimits() {
    return java.util.Map.of();
  }

  // --- load balancers ---

  /** Every load balancer in the region. */
  List<LoadBalancer> describeLoadBalancers();

  Optional<LoadBalancer> describeLoadBalancer(String arn);

  LoadBalancer createLoadBalancer(CreateLoadBalancer request);

  void deleteLoadBalancer(String arn);

  Map<String, String> describeLoadBalancerAttributes(String arn);

  void modifyLoadBalancerAttributes(String arn, Map<String, String> attributes);

  void setSecurityGroups(String arn, List<String> securityGroupIds);

  void setSubnets(String arn, List<SubnetMapping> subnets);

  void setIpAddressType(String arn, String ipAddressType);

  /** Sets the subnets and, for an NLB, whether they take IPv6 source NAT prefixes (null: unset). */
  default void setSubnets(String arn, List<SubnetMapping> subnets, String prefixForIpv6SourceNat) {
    if (prefixForIpv6SourceNat != null) {
      throw new UnsupportedOperationException("IPv6 source NAT needs SetSubnets with the flag");
    }
    setSubnets(arn, subnets);
  }

  /** ModifyIpPools: the IPv4 IPAM pool of the load balancer; null removes it. */
  default void modifyIpv4IpamPool(String arn, String ipv4IpamPoolId) {
    throw new UnsupportedOperationException("ModifyIpPools");
  }

  /**
   * DescribeCapacityReservation: the reserved minimum capacity units, empty when none (as a port
   * that cannot tell, e.g. an offline plan, answers).
   */
  default Optional<Integer> describeCapacityReservation(String arn) {
    return Optional.empty();
  }

  /** ModifyCapacityReservation: reserves the units; 0 resets the reservation. */
  default void modifyCapacityReservation(String arn, int capacityUnits) {
    throw new UnsupportedOperationException("ModifyCapacityReservation");
  }

  // --- listeners ---

  List<Listener> describeListeners(String loadBalancerArn);

  Listener createListener(
      String loadBalancerArn, ListenerSettings settings, Map<String, String> tags);

  Listener modifyListener(String listenerArn, ListenerSettings settings);

  void deleteListener(String listenerArn);

  /** Every certificate of the listener, the default one included. */
  List<ListenerCertificate> describeListenerCertificates(String listenerArn);

  void addListenerCertificates(String listenerArn, Collection<String> certificateArns);

  void removeListenerCertificates(String listenerArn, Collection<String> certificateArns);

  Map<String, String> describeListenerAttributes(String listenerArn);

  void modifyListenerAttributes(String listenerArn, Map<String, String> attributes);

  // --- trust stores ---

  /** The ARN of each named trust store that exists, by name; names not found are left out. */
  Map<String, String> describeTrustStoreArns(Collection<String> names);

  // --- rules ---

  /** Every rule of the listener, its default rule included. */
  List<Rule> describeRules(String listenerArn);

  Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms,
      Map<String, String> tags);

  /** A rule without transforms. */
  default Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      Map<String, String> tags) {
    return createRule(listenerArn, priority, actions, conditions, List.of(), tags);
  }

  /** Sets the rule's actions and conditions and removes its transforms. */
  default void modifyRule(String ruleArn, List<Action> actions, List<RuleCondition> conditions) {
    modifyRule(ruleArn, actions, conditions, List.of());
  }

  /** Sets the rule's actions, conditions and transforms; no transforms removes the rule's. */
  void modifyRule(
      String ruleArn,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms);

  void setRulePriorities(Map<String, Integer> priorityByRuleArn);

  void deleteRule(String ruleArn);

  // --- target groups ---

  /** Every target group in the region. */
  List<TargetGroup> describeTargetGroups();

  Optional<TargetGroup> describeTargetGroup(String arn);

  /** The target groups a load balancer forwards to (DescribeTargetGroups by load balancer). */
  default List<TargetGroup> describeTargetGroupsOfLoadBalancer(String loadBalancerArn) {
    return describeTargetGroups().stream()
        .filter(tg -> tg.loadBalancerArns() != null)
        .filter(tg -> tg.loadBalancerArns().contains(loadBalancerArn))
        .toList();
  }

  Optional<TargetGroup> describeTargetGroupByName(String name);

  TargetGroup createTargetGroup(CreateTargetGroup request);

  TargetGroup modifyTargetGroup(String arn, HealthCheckConfig healthCheck);

  void deleteTargetGroup(String arn);

  Map<String, String> describeTargetGroupAttributes(String arn);

  void modifyTargetGroupAttributes(String arn, Map<String, String> attributes);

  // --- targets ---

  List<TargetHealth> describeTargetHealth(String targetGroupArn);

  /** Registers in batches; returns the number of calls made. */
  int registerTargets(String targetGroupArn, Collection<Target> targets);

  /** Deregisters in batches; returns the number of calls made. */
  int deregisterTargets(String targetGroupArn, Collection<Target> targets);

  // --- tags ---

  /** Tags of each ARN (load balancers, target groups, listeners, rules), 20 ARNs per call. */
  Map<String, Map<String, String>> describeTags(Collection<String> arns);

  void addTags(String arn, Map<String, String> tags);

  void removeTags(String arn, Collection<String> keys);
}
