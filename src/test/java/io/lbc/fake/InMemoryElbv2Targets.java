package io.lbc.fake;

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
import io.lbc.model.elbv2.RuleTransform;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target-group half of ELBv2, in memory: target groups, their targets and target health, with a
 * count of every call. Targets are keyed by ID and port, as in AWS. New targets start in the state
 * {@link #newTargetState}; {@link #setState} moves them along. Everything else is unsupported.
 */
public final class InMemoryElbv2Targets implements Elbv2 {
  /** The batch size of the real port's Register/DeregisterTargets. */
  public static final int BATCH = 200;

  private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
  private final Map<String, Map<String, TargetHealth>> targets = new ConcurrentHashMap<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();
  private final Map<String, Integer> accountLimits = new LinkedHashMap<>();
  private String newTargetState = "healthy";

  public synchronized TargetGroup addTargetGroup(String name, String targetType) {
    String arn =
        "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/"
            + name
            + "/"
            + groups.size();
    var group =
        new TargetGroup(
            arn, name, targetType, 80, "HTTP", "HTTP1", "ipv4", "vpc-1", null, List.of());
    groups.put(arn, group);
    targets.put(arn, new LinkedHashMap<>());
    return group;
  }

  /** Attaches the target group to a load balancer, as a listener forwarding to it would. */
  public synchronized void attach(String arn, String loadBalancerArn) {
    TargetGroup g = groups.get(arn);
    groups.put(
        arn,
        new TargetGroup(
            g.arn(),
            g.name(),
            g.targetType(),
            g.port(),
            g.protocol(),
            g.protocolVersion(),
            g.ipAddressType(),
            g.vpcId(),
            g.healthCheck(),
            List.of(loadBalancerArn)));
  }

  /** What DescribeAccountLimits answers: none unless a test sets some. */
  public synchronized void accountLimit(String name, int limit) {
    accountLimits.put(name, limit);
  }

  @Override
  public synchronized Map<String, Integer> describeAccountLimits() {
    count("DescribeAccountLimits");
    return Map.copyOf(accountLimits);
  }

  public synchronized void removeTargetGroup(String arn) {
    groups.remove(arn);
    targets.remove(arn);
  }

  public synchronized void newTargetState(String state) {
    this.newTargetState = state;
  }

  /** Puts a registered target into a state, e.g. {@code healthy} or {@code draining}. */
  public synchronized void setState(String arn, String id, int port, String state, String reason) {
    var registered = targets.get(arn);
    var key = id + ":" + port;
    var current = registered.get(key);
    registered.put(
        key,
        new TargetHealth(
            current.target(), state, reason, reason == null ? null : "because " + reason));
  }

  /** Registers behind the controller's back, as another cluster or a person would. */
  public synchronized void registerOutOfBand(String arn, Target target) {
    targets
        .get(arn)
        .put(target.id() + ":" + target.port(), new TargetHealth(target, "healthy", null, null));
  }

  public synchronized List<Target> targets(String arn) {
    return targets.get(arn).values().stream().map(TargetHealth::target).toList();
  }

  public int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  public void resetCalls() {
    calls.clear();
  }

  private void count(String operation) {
    calls.merge(operation, 1, Integer::sum);
  }

  @Override
  public synchronized List<TargetHealth> describeTargetHealth(String targetGroupArn) {
    count("DescribeTargetHealth");
    var registered = targets.get(targetGroupArn);
    // As the real port: a group that does not exist reads as one without targets.
    return registered == null ? List.of() : List.copyOf(registered.values());
  }

  @Override
  public synchronized int registerTargets(String targetGroupArn, Collection<Target> toRegister) {
    var registered = group(targetGroupArn);
    int batches = batches(toRegister.size());
    for (int i = 0; i < batches; i++) {
      count("RegisterTargets");
    }
    for (Target target : toRegister) {
      registered.put(
          target.id() + ":" + target.port(),
          new TargetHealth(target, newTargetState, reasonFor(newTargetState), null));
    }
    return batches;
  }

  @Override
  public synchronized int deregisterTargets(String targetGroupArn, Collection<Target> toRemove) {
    var registered = group(targetGroupArn);
    int batches = batches(toRemove.size());
    for (int i = 0; i < batches; i++) {
      count("DeregisterTargets");
    }
    for (Target target : toRemove) {
      registered.remove(target.id() + ":" + target.port());
    }
    return batches;
  }

  @Override
  public synchronized Optional<TargetGroup> describeTargetGroup(String arn) {
    count("DescribeTargetGroups");
    return Optional.ofNullable(groups.get(arn));
  }

  @Override
  public synchronized Optional<TargetGroup> describeTargetGroupByName(String name) {
    count("DescribeTargetGroups");
    return groups.values().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  @Override
  public synchronized List<TargetGroup> describeTargetGroups() {
    count("DescribeTargetGroups");
    return new ArrayList<>(groups.values());
  }

  private Map<String, TargetHealth> group(String arn) {
    var registered = targets.get(arn);
    if (registered == null) {
      throw AwsFaults.error(400, "TargetGroupNotFound", "One or more target groups not found");
    }
    return registered;
  }

  private static int batches(int size) {
    return (size + BATCH - 1) / BATCH;
  }

  private static String reasonFor(String state) {
    return "initial".equals(state) ? "Elb.RegistrationInProgress" : null;
  }

  // --- not part of the target engine ---

  @Override
  public List<LoadBalancer> describeLoadBalancers() {
    throw unsupported();
  }

  @Override
  public Optional<LoadBalancer> describeLoadBalancer(String arn) {
    throw unsupported();
  }

  @Override
  public LoadBalancer createLoadBalancer(CreateLoadBalancer request) {
    throw unsupported();
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    throw unsupported();
  }

  @Override
  public Map<String, String> describeLoadBalancerAttributes(String arn) {
    throw unsupported();
  }

  @Override
  public void modifyLoadBalancerAttributes(String arn, Map<String, String> attributes) {
    throw unsupported();
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroupIds) {
    throw unsupported();
  }

  @Override
  public void setSubnets(String arn, List<SubnetMapping> subnets) {
    throw unsupported();
  }

  @Override
  public void setIpAddressType(String arn, String ipAddressType) {
    throw unsupported();
  }

  @Override
  public List<Listener> describeListeners(String loadBalancerArn) {
    throw unsupported();
  }

  @Override
  public Listener createListener(
      String loadBalancerArn, ListenerSettings settings, Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public Listener modifyListener(String listenerArn, ListenerSettings settings) {
    throw unsupported();
  }

  @Override
  public void deleteListener(String listenerArn) {
    throw unsupported();
  }

  @Override
  public List<ListenerCertificate> describeListenerCertificates(String listenerArn) {
    throw unsupported();
  }

  @Override
  public void addListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw unsupported();
  }

  @Override
  public void removeListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw unsupported();
  }

  @Override
  public Map<String, String> describeListenerAttributes(String listenerArn) {
    throw unsupported();
  }

  @Override
  public void modifyListenerAttributes(String listenerArn, Map<String, String> attributes) {
    throw unsupported();
  }

  @Override
  public Map<String, String> describeTrustStoreArns(Collection<String> names) {
    throw unsupported();
  }

  @Override
  public List<Rule> describeRules(String listenerArn) {
    throw unsupported();
  }

  @Override
  public Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms,
      Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public void modifyRule(
      String ruleArn,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms) {
    throw unsupported();
  }

  @Override
  public void setRulePriorities(Map<String, Integer> priorityByRuleArn) {
    throw unsupported();
  }

  @Override
  public void deleteRule(String ruleArn) {
    throw unsupported();
  }

  @Override
  public TargetGroup createTargetGroup(CreateTargetGroup request) {
    throw unsupported();
  }

  @Override
  public TargetGroup modifyTargetGroup(String arn, HealthCheckConfig healthCheck) {
    throw unsupported();
  }

  @Override
  public void deleteTargetGroup(String arn) {
    throw unsupported();
  }

  @Override
  public Map<String, String> describeTargetGroupAttributes(String arn) {
    throw unsupported();
  }

  @Override
  public void modifyTargetGroupAttributes(String arn, Map<String, String> attributes) {
    throw unsupported();
  }

  @Override
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    throw unsupported();
  }

  @Override
  public void addTags(String arn, Map<String, String> tags) {
    throw unsupported();
  }

  @Override
  public void removeTags(String arn, Collection<String> keys) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("not part of the in-memory target fake");
  }
}
