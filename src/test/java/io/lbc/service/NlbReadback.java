package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.model.TrackingTags;
import io.lbc.rig.AwsTestClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Reads the AWS state a Service's NLB left in moto, through the test's own SDK clients (not the
 * controller's), so what the controller believes cannot leak into what the test sees.
 */
final class NlbReadback {
  private final AwsTestClients aws;

  NlbReadback(AwsTestClients aws) {
    this.aws = aws;
  }

  /** The load balancer tagged with the Service's stack, if there is one. */
  Optional<LoadBalancer> loadBalancer(String namespace, String name) {
    List<LoadBalancer> all = aws.elbv2().describeLoadBalancers().loadBalancers();
    Map<String, Map<String, String>> tags = tags(all.stream().map(LoadBalancer::loadBalancerArn));
    List<LoadBalancer> ours =
        all.stream()
            .filter(
                lb ->
                    (namespace + "/" + name)
                        .equals(tags.get(lb.loadBalancerArn()).get("service.k8s.aws/stack")))
            .toList();
    if (ours.size() > 1) {
      throw new AssertionError("more than one load balancer for " + namespace + "/" + name);
    }
    return ours.stream().findFirst();
  }

  LoadBalancer requireLoadBalancer(String namespace, String name) {
    return loadBalancer(namespace, name)
        .orElseThrow(() -> new AssertionError("no load balancer for " + namespace + "/" + name));
  }

  /** The load balancer's listeners by port. */
  Map<Integer, Listener> listeners(String loadBalancerArn) {
    var byPort = new HashMap<Integer, Listener>();
    for (Listener listener :
        aws.elbv2().describeListeners(r -> r.loadBalancerArn(loadBalancerArn)).listeners()) {
      if (byPort.put(listener.port(), listener) != null) {
        throw new AssertionError("two listeners on port " + listener.port());
      }
    }
    return byPort;
  }

  TargetGroup targetGroup(String arn) {
    return aws.elbv2().describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups().get(0);
  }

  /** The target group the listener forwards to. */
  TargetGroup forwardedTo(Listener listener) {
    var action = listener.defaultActions().get(0);
    if (action.targetGroupArn() != null) {
      return targetGroup(action.targetGroupArn());
    }
    // moto returns a forward the way it was sent (moto-gaps #13): here as a ForwardConfig
    assertThat(action.forwardConfig().targetGroups()).hasSize(1);
    return targetGroup(action.forwardConfig().targetGroups().get(0).targetGroupArn());
  }

  /** The target group behind the load balancer's listener on the port. */
  TargetGroup targetGroupOf(LoadBalancer lb, int port) {
    return forwardedTo(listeners(lb.loadBalancerArn()).get(port));
  }

  List<TargetGroup> targetGroups() {
    return aws.elbv2().describeTargetGroups().targetGroups();
  }

  /** The registered targets as {@code id:port}, sorted. */
  List<String> targets(String targetGroupArn) {
    return aws.targets(targetGroupArn);
  }

  Map<String, String> tags(String arn) {
    return tags(java.util.stream.Stream.of(arn)).getOrDefault(arn, Map.of());
  }

  /**
   * Everything in moto that carries the cluster tag: ELBv2 load balancers and target groups (by
   * DescribeTags) and EC2 security groups (by a tag-key filter), the shared backend group included;
   * as {@code kind name}, sorted.
   */
  List<String> clusterTaggedResources() {
    var found = new ArrayList<String>();
    List<LoadBalancer> lbs = aws.elbv2().describeLoadBalancers().loadBalancers();
    Map<String, Map<String, String>> lbTags = tags(lbs.stream().map(LoadBalancer::loadBalancerArn));
    lbs.stream()
        .filter(lb -> lbTags.get(lb.loadBalancerArn()).containsKey(TrackingTags.CLUSTER))
        .forEach(lb -> found.add("loadBalancer " + lb.loadBalancerName()));
    List<TargetGroup> tgs = targetGroups();
    Map<String, Map<String, String>> tgTags = tags(tgs.stream().map(TargetGroup::targetGroupArn));
    tgs.stream()
        .filter(tg -> tgTags.get(tg.targetGroupArn()).containsKey(TrackingTags.CLUSTER))
        .forEach(tg -> found.add("targetGroup " + tg.targetGroupName()));
    aws
        .ec2()
        .describeSecurityGroups(r -> r.filters(f -> f.name("tag-key").values(TrackingTags.CLUSTER)))
        .securityGroups()
        .stream()
        .map(SecurityGroup::groupName)
        .forEach(name -> found.add("securityGroup " + name));
    found.sort(Comparator.naturalOrder());
    return found;
  }

  /** DescribeTags takes at most 20 ARNs a call. */
  private Map<String, Map<String, String>> tags(java.util.stream.Stream<String> arns) {
    List<String> all = arns.toList();
    var result = new HashMap<String, Map<String, String>>();
    for (int i = 0; i < all.size(); i += 20) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + 20));
      for (TagDescription description :
          aws.elbv2().describeTags(r -> r.resourceArns(chunk)).tagDescriptions()) {
        var tags = new HashMap<String, String>();
        for (Tag tag : description.tags()) {
          tags.put(tag.key(), tag.value());
        }
        result.put(description.resourceArn(), tags);
      }
    }
    all.forEach(arn -> result.putIfAbsent(arn, Map.of()));
    return result;
  }

  /**
   * What a user would notice of the Service's NLB, one line per resource: the load balancer, its
   * listeners and their target groups with health checks and targets. Equal snapshots mean nothing
   * visible changed.
   */
  List<String> snapshot(String namespace, String name) {
    var lines = new ArrayList<String>();
    LoadBalancer lb = requireLoadBalancer(namespace, name);
    lines.add(
        "loadBalancer "
            + lb.loadBalancerArn()
            + " "
            + lb.schemeAsString()
            + " "
            + lb.availabilityZones().stream().map(z -> z.subnetId()).sorted().toList()
            + " "
            + lb.securityGroups().stream().sorted().toList());
    listeners(lb.loadBalancerArn()).values().stream()
        .sorted(Comparator.comparing(Listener::port))
        .forEach(
            l -> {
              TargetGroup tg = forwardedTo(l);
              lines.add(
                  "listener "
                      + l.listenerArn()
                      + " "
                      + l.port()
                      + "/"
                      + l.protocolAsString()
                      + " → "
                      + tg.targetGroupArn());
              lines.add(
                  "targetGroup "
                      + tg.targetGroupArn()
                      + " "
                      + tg.protocolAsString()
                      + " hc "
                      + tg.healthCheckProtocolAsString()
                      + " "
                      + tg.healthCheckPort()
                      + " "
                      + tg.healthCheckPath()
                      + " "
                      + tg.healthCheckIntervalSeconds()
                      + "s/"
                      + tg.healthCheckTimeoutSeconds()
                      + "s "
                      + tg.healthyThresholdCount()
                      + "/"
                      + tg.unhealthyThresholdCount()
                      + " targets "
                      + targets(tg.targetGroupArn()));
            });
    return lines;
  }

  String groupName(String groupId) {
    return aws.ec2()
        .describeSecurityGroups(r -> r.groupIds(groupId))
        .securityGroups()
        .get(0)
        .groupName();
  }

  /** The cluster's shared backend security group, found by its tags. */
  String backendSecurityGroup() {
    List<SecurityGroup> found =
        aws.ec2()
            .describeSecurityGroups(
                r -> r.filters(f -> f.name("tag:elbv2.k8s.aws/resource").values("backend-sg")))
            .securityGroups();
    assertThat(found).hasSize(1);
    return found.get(0).groupId();
  }

  /** The inbound rules of a group whose source is another group, as {@code proto from-to sg}. */
  List<String> groupSourcedRules(String groupId) {
    var group = aws.ec2().describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    var rules = new ArrayList<String>();
    for (var permission : group.ipPermissions()) {
      for (var pair : permission.userIdGroupPairs()) {
        rules.add(
            permission.ipProtocol()
                + " "
                + permission.fromPort()
                + "-"
                + permission.toPort()
                + " "
                + pair.groupId());
      }
    }
    rules.sort(Comparator.naturalOrder());
    return rules;
  }
}
