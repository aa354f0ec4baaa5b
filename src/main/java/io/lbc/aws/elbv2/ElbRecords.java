package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.MutualAuthentication;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import io.lbc.model.elbv2.TargetGroupSpec.Matcher;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAddress;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Converts ELBv2 resources (other than actions and conditions) from the SDK into the port's
 * records. Rules come sorted by priority with the default rule last, whatever order AWS lists them
 * in.
 */
final class ElbRecords {
  static final Comparator<Rule> BY_PRIORITY = Comparator.comparingInt(Rule::priority);

  private ElbRecords() {}

  /** The items in the order their keys were asked for, whatever order AWS answered in. */
  static <T> List<T> inOrderAsked(
      List<T> items, Function<T, String> key, Collection<String> asked) {
    var position = new HashMap<String, Integer>();
    for (String k : asked) {
      position.putIfAbsent(k, position.size());
    }
    return items.stream()
        .sorted(
            Comparator.comparingInt(t -> position.getOrDefault(key.apply(t), Integer.MAX_VALUE)))
        .toList();
  }

  static LoadBalancer loadBalancer(
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
        lb.availabilityZones().stream().map(ElbRecords::subnetMapping).toList(),
        List.copyOf(lb.securityGroups()),
        lb.ipamPools() == null ? null : lb.ipamPools().ipv4IpamPoolId(),
        lb.enablePrefixForIpv6SourceNatAsString());
  }

  private static SubnetMapping subnetMapping(AvailabilityZone zone) {
    LoadBalancerAddress address =
        zone.loadBalancerAddresses().isEmpty() ? null : zone.loadBalancerAddresses().get(0);
    return new SubnetMapping(
        zone.subnetId(),
        address == null ? null : address.allocationId(),
        address == null ? null : address.privateIPv4Address(),
        address == null ? null : address.iPv6Address(),
        zone.sourceNatIpv6Prefixes().isEmpty() ? null : zone.sourceNatIpv6Prefixes().get(0));
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping toSdk(
      SubnetMapping mapping) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping.builder()
        .subnetId(mapping.subnetId())
        .allocationId(mapping.allocationId())
        .privateIPv4Address(mapping.privateIPv4Address())
        .iPv6Address(mapping.ipv6Address())
        .sourceNatIpv6Prefix(mapping.sourceNatIpv6Prefix())
        .build();
  }

  /** The protocols that terminate TLS and so have certificates and a security policy. */
  private static final Set<String> SECURE_PROTOCOLS = Set.of("HTTPS", "TLS");

  /**
   * A listener; a plain-text one has no certificate and no security policy, even where the answer
   * carries one (moto gives every listener the default policy).
   */
  static Listener listener(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener listener) {
    boolean secure = SECURE_PROTOCOLS.contains(listener.protocolAsString());
    String certificate =
        !secure || listener.certificates().isEmpty()
            ? null
            : listener.certificates().get(0).certificateArn();
    return new Listener(
        listener.listenerArn(),
        listener.loadBalancerArn(),
        listener.port(),
        listener.protocolAsString(),
        ElbActions.fromSdk(listener.defaultActions()),
        certificate,
        secure ? listener.sslPolicy() : null,
        List.copyOf(listener.alpnPolicy()),
        mutualAuthentication(listener.mutualAuthentication()));
  }

  static MutualAuthentication mutualAuthentication(MutualAuthenticationAttributes attributes) {
    return attributes == null
        ? null
        : new MutualAuthentication(
            attributes.mode(),
            attributes.trustStoreArn(),
            attributes.ignoreClientCertificateExpiry(),
            attributes.advertiseTrustStoreCaNamesAsString());
  }

  /** Null sends none; off and passthrough carry the mode alone, as AWS takes them. */
  static MutualAuthenticationAttributes toSdk(MutualAuthentication value) {
    if (value == null) {
      return null;
    }
    var builder = MutualAuthenticationAttributes.builder().mode(value.mode());
    if (MutualAuthentication.VERIFY.equals(value.mode())) {
      builder
          .trustStoreArn(value.trustStoreArn())
          .ignoreClientCertificateExpiry(value.ignoreClientCertificateExpiry())
          .advertiseTrustStoreCaNames(value.advertiseTrustStoreCaNames());
    }
    return builder.build();
  }

  static Rule rule(software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule rule) {
    boolean isDefault = Boolean.TRUE.equals(rule.isDefault()) || "default".equals(rule.priority());
    return new Rule(
        rule.ruleArn(),
        isDefault ? Integer.MAX_VALUE : Integer.parseInt(rule.priority()),
        isDefault,
        ElbActions.fromSdk(rule.actions()),
        ElbConditions.fromSdk(rule.conditions()),
        ElbTransforms.fromSdk(rule.transforms()));
  }

  static TargetGroup targetGroup(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup tg) {
    var matcher =
        tg.matcher() == null ? null : new Matcher(tg.matcher().httpCode(), tg.matcher().grpcCode());
    return new TargetGroup(
        tg.targetGroupArn(),
        tg.targetGroupName(),
        tg.targetTypeAsString(),
        tg.port() == null ? 0 : tg.port(),
        tg.protocolAsString(),
        tg.protocolVersion(),
        tg.ipAddressTypeAsString(),
        tg.vpcId(),
        new HealthCheckConfig(
            tg.healthCheckPort(),
            tg.healthCheckProtocolAsString(),
            tg.healthCheckPath(),
            matcher,
            tg.healthCheckIntervalSeconds(),
            tg.healthCheckTimeoutSeconds(),
            tg.healthyThresholdCount(),
            tg.unhealthyThresholdCount()),
        List.copyOf(tg.loadBalancerArns()),
        tg.targetControlPort());
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher toSdk(
      Matcher matcher) {
    return matcher == null
        ? null
        : software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher.builder()
            .httpCode(matcher.httpCode())
            .grpcCode(matcher.grpcCode())
            .build();
  }

  static TargetHealth targetHealth(TargetHealthDescription description) {
    var target = description.target();
    var health = description.targetHealth();
    return new TargetHealth(
        new Target(
            target.id(),
            target.port() == null ? 0 : target.port(),
            target.availabilityZone(),
            target.quicServerId()),
        health == null ? null : health.stateAsString(),
        health == null ? null : health.reasonAsString(),
        health == null ? null : health.description());
  }

  static TargetDescription toSdk(Target target) {
    return TargetDescription.builder()
        .id(target.id())
        .port(target.port())
        .availabilityZone(target.availabilityZone())
        .quicServerId(target.quicServerId())
        .build();
  }

  /** Null for no tags: AWS rejects an empty tag list. */
  static List<Tag> toSdkTags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return null;
    }
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  static Map<String, String> tags(List<Tag> tags) {
    var result = new LinkedHashMap<String, String>();
    tags.forEach(t -> result.put(t.key(), t.value()));
    return result;
  }
}
