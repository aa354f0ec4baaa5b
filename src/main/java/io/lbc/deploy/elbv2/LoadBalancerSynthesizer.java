package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.CreateLoadBalancer;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.deploy.AttributeSync;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.TrackingTags;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's load balancer: adopted by tags, modified in place (security groups, subnets and their
 * IPv6 source NAT prefixes, IP address type, attributes, IPAM pool, tags), replaced when its type
 * or scheme changes. A load balancer the stack no longer wants is deleted first, with its listeners
 * and rules; of several, a frontend NLB before the ALB it forwards to.
 */
public final class LoadBalancerSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(LoadBalancerSynthesizer.class);
  private static final String TYPE = "loadBalancer";
  static final String DELETION_PROTECTION = "deletion_protection.enabled";

  private final Elbv2 elbv2;
  private final StackResourceFinder finder;
  private final ElbTags tags;

  public LoadBalancerSynthesizer(Elbv2 elbv2, StackResourceFinder finder, ElbTags tags) {
    this.elbv2 = elbv2;
    this.finder = finder;
    this.tags = tags;
  }

  @Override
  public String stageName() {
    return "*elbv2.loadBalancerSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    List<LoadBalancer> actual = new ArrayList<>(finder.loadBalancers(context.stackId()));
    String resourceKey = TrackingTags.resourceKey(context.stackId().kind());
    List<Resource<LoadBalancerSpec>> wanted =
        context.stack().resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class);
    var kept = new LinkedHashMap<Resource<LoadBalancerSpec>, LoadBalancer>();
    for (Resource<LoadBalancerSpec> desired : wanted) {
      actual.stream()
          .filter(lb -> desired.id().equals(finder.tagsOf(lb.arn()).get(resourceKey)))
          .filter(lb -> lb.type().equals(desired.spec().type()))
          .filter(lb -> lb.scheme().equals(desired.spec().scheme()))
          .findFirst()
          .ifPresent(
              lb -> {
                kept.put(desired, lb);
                actual.remove(lb);
              });
    }
    // unwanted ones go first (their listeners with them), the stack's main one last: a frontend
    // NLB is deleted before the ALB it forwards to
    actual.sort(
        Comparator.comparing(
            (LoadBalancer lb) ->
                LoadBalancerSpec.ID.equals(finder.tagsOf(lb.arn()).get(resourceKey))));
    actual.forEach(lb -> delete(context, lb));
    for (Resource<LoadBalancerSpec> desired : wanted) {
      LoadBalancer existing = kept.get(desired);
      LoadBalancer lb =
          existing == null ? create(context, desired) : update(context, desired, existing);
      context
          .tokens()
          .put(ResourceType.LOAD_BALANCER, desired.id(), LoadBalancerSpec.ARN, lb.arn());
      context
          .tokens()
          .put(ResourceType.LOAD_BALANCER, desired.id(), LoadBalancerSpec.DNS_NAME, lb.dnsName());
      if (lb.state() != null) {
        context
            .tokens()
            .put(ResourceType.LOAD_BALANCER, desired.id(), LoadBalancerSpec.STATE, lb.state());
      }
    }
  }

  private LoadBalancer create(DeployContext context, Resource<LoadBalancerSpec> desired) {
    LoadBalancerSpec spec = desired.spec();
    Map<String, String> allTags = context.tagsFor(desired.id(), spec.tags());
    context.logWrite(log, "creating", TYPE, desired.id(), spec.name());
    LoadBalancer created =
        elbv2.createLoadBalancer(
            new CreateLoadBalancer(
                spec.name(),
                spec.type(),
                spec.scheme(),
                spec.ipAddressType(),
                subnets(spec),
                securityGroups(context, spec),
                allTags,
                spec.ipv4IpamPoolId(),
                spec.enablePrefixForIpv6SourceNat()));
    tags.created(created.arn(), allTags);
    context.logWrite(log, "created", TYPE, desired.id(), created.arn());
    AttributeSync.sync(
        spec.loadBalancerAttributes(),
        Map::of,
        attributes -> elbv2.modifyLoadBalancerAttributes(created.arn(), attributes));
    return created;
  }

  private LoadBalancer update(
      DeployContext context, Resource<LoadBalancerSpec> desired, LoadBalancer actual) {
    LoadBalancerSpec spec = desired.spec();
    // a pool goes before anything else changes (the IP address type cannot change with one)
    if (spec.ipv4IpamPoolId() == null && actual.ipv4IpamPoolId() != null) {
      context.logWrite(log, "removing the ipam pool of", TYPE, desired.id(), actual.arn());
      elbv2.modifyIpv4IpamPool(actual.arn(), null);
    }
    List<String> groups = securityGroups(context, spec);
    if (spec.securityGroups() != null
        && !new HashSet<>(groups).equals(new HashSet<>(actual.securityGroups()))) {
      if (actual.securityGroups().isEmpty() && "network".equals(actual.type())) {
        throw new IllegalStateException(
            "conflicting security groups configuration: "
                + actual.arn()
                + " was created without security groups");
      }
      context.logWrite(log, "setting security groups of", TYPE, desired.id(), actual.arn());
      elbv2.setSecurityGroups(actual.arn(), groups);
    }
    List<SubnetMapping> subnets = subnets(spec);
    if (SourceNatPrefixes.subnetsDrifted(spec, subnets, actual)) {
      context.logWrite(log, "setting subnets of", TYPE, desired.id(), actual.arn());
      elbv2.setSubnets(
          actual.arn(),
          subnets,
          "network".equals(actual.type()) ? spec.enablePrefixForIpv6SourceNat() : null);
    }
    if (spec.ipAddressType() != null && !spec.ipAddressType().equals(actual.ipAddressType())) {
      context.logWrite(log, "setting ip address type of", TYPE, desired.id(), actual.arn());
      elbv2.setIpAddressType(actual.arn(), spec.ipAddressType());
    }
    AttributeSync.sync(
        spec.loadBalancerAttributes(),
        () -> elbv2.describeLoadBalancerAttributes(actual.arn()),
        changes -> {
          context.logWrite(log, "modifying attributes of", TYPE, desired.id(), actual.arn());
          elbv2.modifyLoadBalancerAttributes(actual.arn(), changes);
        });
    if (spec.ipv4IpamPoolId() != null && !spec.ipv4IpamPoolId().equals(actual.ipv4IpamPoolId())) {
      context.logWrite(log, "setting the ipam pool of", TYPE, desired.id(), actual.arn());
      elbv2.modifyIpv4IpamPool(actual.arn(), spec.ipv4IpamPoolId());
    }
    tags.sync(
        context, TYPE, desired.id(), actual.arn(), context.tagsFor(desired.id(), spec.tags()));
    return actual;
  }

  /** Deletes a load balancer; protection enabled outside the spec is turned off first. */
  private void delete(DeployContext context, LoadBalancer lb) {
    if ("true".equals(elbv2.describeLoadBalancerAttributes(lb.arn()).get(DELETION_PROTECTION))) {
      context.logWrite(log, "disabling deletion protection of", TYPE, lb.name(), lb.arn());
      elbv2.modifyLoadBalancerAttributes(lb.arn(), Map.of(DELETION_PROTECTION, "false"));
    }
    context.logWrite(log, "deleting", TYPE, lb.name(), lb.arn());
    elbv2.deleteLoadBalancer(lb.arn());
    tags.forget(lb.arn());
    context.logWrite(log, "deleted", TYPE, lb.name(), lb.arn());
  }

  private static List<SubnetMapping> subnets(LoadBalancerSpec spec) {
    return spec.subnetMapping().stream().map(LoadBalancerSynthesizer::toMapping).toList();
  }

  private static SubnetMapping toMapping(SubnetMappingSpec spec) {
    return new SubnetMapping(
        spec.subnetID(),
        spec.allocationID(),
        spec.privateIPv4Address(),
        spec.ipv6Address(),
        spec.sourceNatIpv6Prefix());
  }

  private static List<String> securityGroups(DeployContext context, LoadBalancerSpec spec) {
    return spec.securityGroups() == null
        ? List.of()
        : spec.securityGroups().stream().map(context.tokens()::resolve).toList();
  }
}
