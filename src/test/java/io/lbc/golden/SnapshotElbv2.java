package io.lbc.golden;

import io.lbc.aws.ReadOnlyPorts;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Listener;
import io.lbc.aws.elbv2.ListenerCertificate;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.Rule;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.aws.elbv2.TargetHealth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only {@link Elbv2} over an {@link AwsSnapshot}: its public methods are the port's reads,
 * matched by name and parameter types when {@link #of} builds the port; every write throws.
 */
public final class SnapshotElbv2 {
  private final AwsSnapshot snapshot;

  /** The port over the snapshot. */
  public static Elbv2 of(AwsSnapshot snapshot) {
    return ReadOnlyPorts.over(
        Elbv2.class,
        new SnapshotElbv2(snapshot),
        "building a stack must not write to AWS, refused ");
  }

  private SnapshotElbv2(AwsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  public List<LoadBalancer> describeLoadBalancers() {
    return snapshot.loadBalancers();
  }

  public Optional<LoadBalancer> describeLoadBalancer(String arn) {
    return snapshot.loadBalancers().stream().filter(lb -> lb.arn().equals(arn)).findFirst();
  }

  public Map<String, String> describeLoadBalancerAttributes(String arn) {
    return Map.of();
  }

  public List<Listener> describeListeners(String loadBalancerArn) {
    return List.of();
  }

  public List<ListenerCertificate> describeListenerCertificates(String listenerArn) {
    return List.of();
  }

  public Map<String, String> describeListenerAttributes(String listenerArn) {
    return Map.of();
  }

  public List<Rule> describeRules(String listenerArn) {
    return List.of();
  }

  public List<TargetGroup> describeTargetGroups() {
    return snapshot.targetGroups();
  }

  public Optional<TargetGroup> describeTargetGroup(String arn) {
    return snapshot.targetGroups().stream().filter(tg -> tg.arn().equals(arn)).findFirst();
  }

  public Optional<TargetGroup> describeTargetGroupByName(String name) {
    return snapshot.targetGroups().stream().filter(tg -> tg.name().equals(name)).findFirst();
  }

  public Map<String, String> describeTargetGroupAttributes(String arn) {
    return Map.of();
  }

  public List<TargetHealth> describeTargetHealth(String targetGroupArn) {
    return List.of();
  }

  public Map<String, String> describeTrustStoreArns(Collection<String> names) {
    var result = new java.util.LinkedHashMap<String, String>();
    snapshot.trustStores().stream()
        .filter(ts -> names.contains(ts.name()))
        .forEach(ts -> result.put(ts.name(), ts.trustStoreArn()));
    return result;
  }

  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    var result = new java.util.LinkedHashMap<String, Map<String, String>>();
    arns.forEach(arn -> result.put(arn, snapshot.tags().getOrDefault(arn, Map.of())));
    return result;
  }
}
