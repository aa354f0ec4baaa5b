package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** {@link Elbv2} over the AWS SDK. */
public final class SdkElbv2 implements Elbv2 {
  static final int TAG_BATCH = 20;

  private final ElasticLoadBalancingV2Client client;

  public SdkElbv2(ElasticLoadBalancingV2Client client) {
    this.client = client;
  }

  @Override
  public List<LoadBalancer> describeLoadBalancers() {
    var result = new ArrayList<LoadBalancer>();
    client
        .describeLoadBalancersPaginator(r -> r.pageSize(400))
        .loadBalancers()
        .forEach(lb -> result.add(toLoadBalancer(lb)));
    return result;
  }

  @Override
  public LoadBalancer createLoadBalancer(CreateLoadBalancer request) {
    var response =
        client.createLoadBalancer(
            r ->
                r.name(request.name())
                    .type(request.type())
                    .scheme(request.scheme())
                    .ipAddressType(request.ipAddressType())
                    .subnetMappings(
                        request.subnets().stream().map(SdkElbv2::toSdkSubnetMapping).toList())
                    .securityGroups(
                        request.securityGroups().isEmpty() ? null : request.securityGroups())
                    .tags(toSdkTags(request.tags())));
    return toLoadBalancer(response.loadBalancers().get(0));
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    client.deleteLoadBalancer(r -> r.loadBalancerArn(arn));
  }

  @Override
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    var result = new LinkedHashMap<String, Map<String, String>>();
    var all = List.copyOf(arns);
    for (int from = 0; from < all.size(); from += TAG_BATCH) {
      var batch = all.subList(from, Math.min(all.size(), from + TAG_BATCH));
      for (TagDescription description :
          client.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        var tags = new LinkedHashMap<String, String>();
        description.tags().forEach(t -> tags.put(t.key(), t.value()));
        result.put(description.resourceArn(), tags);
      }
    }
    return result;
  }

  @Override
  public void addTags(String arn, Map<String, String> tags) {
    client.addTags(r -> r.resourceArns(arn).tags(toSdkTags(tags)));
  }

  @Override
  public void removeTags(String arn, Collection<String> keys) {
    client.removeTags(r -> r.resourceArns(arn).tagKeys(keys));
  }

  static List<Tag> toSdkTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping
      toSdkSubnetMapping(SubnetMapping mapping) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping.builder()
        .subnetId(mapping.subnetId())
        .allocationId(mapping.allocationId())
        .privateIPv4Address(mapping.privateIPv4Address())
        .iPv6Address(mapping.ipv6Address())
        .build();
  }

  private static LoadBalancer toLoadBalancer(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer lb) {
    return new LoadBalancer(
        lb.loadBalancerArn(),
        lb.loadBalancerName(),
        lb.typeAsString(),
        lb.schemeAsString(),
        lb.ipAddressTypeAsString(),
        lb.dnsName(),
        lb.vpcId(),
        lb.state() == null ? null : lb.state().codeAsString(),
        lb.availabilityZones().stream().map(SdkElbv2::toSubnetMapping).toList(),
        List.copyOf(lb.securityGroups()));
  }

  private static SubnetMapping toSubnetMapping(AvailabilityZone zone) {
    LoadBalancerAddress address =
        zone.loadBalancerAddresses().isEmpty() ? null : zone.loadBalancerAddresses().get(0);
    return new SubnetMapping(
        zone.subnetId(),
        address == null ? null : address.allocationId(),
        address == null ? null : address.privateIPv4Address(),
        address == null ? null : address.iPv6Address());
  }

  @Override
  public Optional<LoadBalancer> describeLoadBalancer(String arn) {
    throw new UnsupportedOperationException("describeLoadBalancer: not implemented yet");
  }

  @Override
  public Map<String, String> describeLoadBalancerAttributes(String arn) {
    throw new UnsupportedOperationException("describeLoadBalancerAttributes: not implemented yet");
  }

  @Override
  public void modifyLoadBalancerAttributes(String arn, Map<String, String> attributes) {
    throw new UnsupportedOperationException("modifyLoadBalancerAttributes: not implemented yet");
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroupIds) {
    throw new UnsupportedOperationException("setSecurityGroups: not implemented yet");
  }

  @Override
  public void setSubnets(String arn, List<SubnetMapping> subnets) {
    throw new UnsupportedOperationException("setSubnets: not implemented yet");
  }

  @Override
  public void setIpAddressType(String arn, String ipAddressType) {
    throw new UnsupportedOperationException("setIpAddressType: not implemented yet");
  }

  @Override
  public List<Listener> describeListeners(String loadBalancerArn) {
    throw new UnsupportedOperationException("describeListeners: not implemented yet");
  }

  @Override
  public Listener createListener(
      String loadBalancerArn, ListenerSettings settings, Map<String, String> tags) {
    throw new UnsupportedOperationException("createListener: not implemented yet");
  }

  @Override
  public Listener modifyListener(String listenerArn, ListenerSettings settings) {
    throw new UnsupportedOperationException("modifyListener: not implemented yet");
  }

  @Override
  public void deleteListener(String listenerArn) {
    throw new UnsupportedOperationException("deleteListener: not implemented yet");
  }

  @Override
  public List<ListenerCertificate> describeListenerCertificates(String listenerArn) {
    throw new UnsupportedOperationException("describeListenerCertificates: not implemented yet");
  }

  @Override
  public void addListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw new UnsupportedOperationException("addListenerCertificates: not implemented yet");
  }

  @Override
  public void removeListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    throw new UnsupportedOperationException("removeListenerCertificates: not implemented yet");
  }

  @Override
  public Map<String, String> describeListenerAttributes(String listenerArn) {
    throw new UnsupportedOperationException("describeListenerAttributes: not implemented yet");
  }

  @Override
  public void modifyListenerAttributes(String listenerArn, Map<String, String> attributes) {
    throw new UnsupportedOperationException("modifyListenerAttributes: not implemented yet");
  }

  @Override
  public List<Rule> describeRules(String listenerArn) {
    throw new UnsupportedOperationException("describeRules: not implemented yet");
  }

  @Override
  public Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      Map<String, String> tags) {
    throw new UnsupportedOperationException("createRule: not implemented yet");
  }

  @Override
  public void modifyRule(String ruleArn, List<Action> actions, List<RuleCondition> conditions) {
    throw new UnsupportedOperationException("modifyRule: not implemented yet");
  }

  @Override
  public void setRulePriorities(Map<String, Integer> priorityByRuleArn) {
    throw new UnsupportedOperationException("setRulePriorities: not implemented yet");
  }

  @Override
  public void deleteRule(String ruleArn) {
    throw new UnsupportedOperationException("deleteRule: not implemented yet");
  }

  @Override
  public List<TargetGroup> describeTargetGroups() {
    throw new UnsupportedOperationException("describeTargetGroups: not implemented yet");
  }

  @Override
  public Optional<TargetGroup> describeTargetGroup(String arn) {
    throw new UnsupportedOperationException("describeTargetGroup: not implemented yet");
  }

  @Override
  public Optional<TargetGroup> describeTargetGroupByName(String name) {
    throw new UnsupportedOperationException("describeTargetGroupByName: not implemented yet");
  }

  @Override
  public TargetGroup createTargetGroup(CreateTargetGroup request) {
    throw new UnsupportedOperationException("createTargetGroup: not implemented yet");
  }

  @Override
  public TargetGroup modifyTargetGroup(String arn, HealthCheckConfig healthCheck) {
    throw new UnsupportedOperationException("modifyTargetGroup: not implemented yet");
  }

  @Override
  public void deleteTargetGroup(String arn) {
    throw new UnsupportedOperationException("deleteTargetGroup: not implemented yet");
  }

  @Override
  public Map<String, String> describeTargetGroupAttributes(String arn) {
    throw new UnsupportedOperationException("describeTargetGroupAttributes: not implemented yet");
  }

  @Override
  public void modifyTargetGroupAttributes(String arn, Map<String, String> attributes) {
    throw new UnsupportedOperationException("modifyTargetGroupAttributes: not implemented yet");
  }

  @Override
  public List<TargetHealth> describeTargetHealth(String targetGroupArn) {
    throw new UnsupportedOperationException("describeTargetHealth: not implemented yet");
  }

  @Override
  public int registerTargets(String targetGroupArn, Collection<Target> targets) {
    throw new UnsupportedOperationException("registerTargets: not implemented yet");
  }

  @Override
  public int deregisterTargets(String targetGroupArn, Collection<Target> targets) {
    throw new UnsupportedOperationException("deregisterTargets: not implemented yet");
  }
}
