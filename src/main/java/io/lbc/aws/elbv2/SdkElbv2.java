package io.lbc.aws.elbv2;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import io.lbc.aws.Chunks;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleTransform;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpamPools;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveIpamPoolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/**
 * {@link Elbv2} over the AWS SDK: load balancers, listeners and rules here, target groups, targets
 * and tags in {@link SdkTargetGroups}.
 *
 * <p>Every describe pages internally. Reads that name a resource that does not exist find nothing:
 * an empty Optional, list or map (AWS's {@code *NotFound} codes); writes let the SDK's exception
 * through.
 */
public final class SdkElbv2 extends SdkTargetGroups implements Elbv2 {
  /** The most load balancer ARNs DescribeLoadBalancers takes in one call (API reference). */
  static final int LOAD_BALANCER_ARN_BATCH = 20;

  /** The largest page the ELBv2 describe calls serve (their {@code PageSize} maximum). */
  static final int PAGE_SIZE = 400;

  /** Trust store names asked for in one DescribeTrustStores call. */
  static final int TRUST_STORE_NAME_BATCH = 20;

  public SdkElbv2(ElasticLoadBalancingV2Client client) {
    super(client);
  }

  @Override
  public java.util.Map<String, Integer> describeAccountLimits() {
    var limits = new java.util.LinkedHashMap<String, Integer>();
    String marker = null;
    do {
      String page = marker;
      var response = client.describeAccountLimits(r -> r.marker(page).pageSize(PAGE_SIZE));
      response
          .limits()
          .forEach(
              l -> {
                try {
                  limits.put(l.name(), Integer.parseInt(l.max()));
                } catch (NumberFormatException e) {
                  // not a count: nothing to check against
                }
              });
      marker = response.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return limits;
  }

  // --- load balancers ---

  @Override
  public List<LoadBalancer> describeLoadBalancers() {
    var result = new ArrayList<LoadBalancer>();
    client
        .describeLoadBalancersPaginator(r -> r.pageSize(PAGE_SIZE))
        .loadBalancers()
        .forEach(lb -> result.add(ElbRecords.loadBalancer(lb)));
    return result;
  }

  @Override
  public Optional<LoadBalancer> describeLoadBalancer(String arn) {
    return describeLoadBalancers(List.of(arn)).stream().findFirst();
  }

  /**
   * The load balancers of the ARNs that exist, {@value #LOAD_BALANCER_ARN_BATCH} ARNs per call. AWS
   * fails a whole call for one unknown ARN; such a batch is asked again one ARN at a time. Results
   * come in the order the ARNs were given.
   */
  public List<LoadBalancer> describeLoadBalancers(Collection<String> arns) {
    var found = Chunks.lookUp(arns, LOAD_BALANCER_ARN_BATCH, this::describeLoadBalancersNow);
    return ElbRecords.inOrderAsked(found, LoadBalancer::arn, arns);
  }

  private List<LoadBalancer> describeLoadBalancersNow(List<String> arns) {
    return client.describeLoadBalancers(r -> r.loadBalancerArns(arns)).loadBalancers().stream()
        .map(ElbRecords::loadBalancer)
        .toList();
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
                    .subnetMappings(request.subnets().stream().map(ElbRecords::toSdk).toList())
                    .securityGroups(
                        request.securityGroups().isEmpty() ? null : request.securityGroups())
                    .ipamPools(
                        request.ipv4IpamPoolId() == null
                            ? null
                            : IpamPools.builder().ipv4IpamPoolId(request.ipv4IpamPoolId()).build())
                    .enablePrefixForIpv6SourceNat(request.enablePrefixForIpv6SourceNat())
                    .tags(ElbRecords.toSdkTags(request.tags())));
    return ElbRecords.loadBalancer(response.loadBalancers().get(0));
  }

  @Override
  public void modifyIpv4IpamPool(String arn, String ipv4IpamPoolId) {
    client.modifyIpPools(
        r -> {
          r.loadBalancerArn(arn);
          if (ipv4IpamPoolId == null) {
            r.removeIpamPools(RemoveIpamPoolEnum.IPV4);
          } else {
            r.ipamPools(p -> p.ipv4IpamPoolId(ipv4IpamPoolId));
          }
        });
  }

  @Override
  public Optional<Integer> describeCapacityReservation(String arn) {
    var response = client.describeCapacityReservation(r -> r.loadBalancerArn(arn));
    if (response.minimumLoadBalancerCapacity() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(response.minimumLoadBalancerCapacity().capacityUnits());
  }

  @Override
  public void modifyCapacityReservation(String arn, int capacityUnits) {
    client.modifyCapacityReservation(
        r -> {
          r.loadBalancerArn(arn);
          if (capacityUnits == 0) {
            r.resetCapacityReservation(true);
          } else {
            r.minimumLoadBalancerCapacity(c -> c.capacityUnits(capacityUnits));
          }
        });
  }

  @Override
  public void deleteLoadBalancer(String arn) {
    client.deleteLoadBalancer(r -> r.loadBalancerArn(arn));
  }

  @Override
  public Map<String, String> describeLoadBalancerAttributes(String arn) {
    return unlessNotFound(
        () ->
            attributes(
                client.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes(),
                LoadBalancerAttribute::key,
                LoadBalancerAttribute::value),
        Map.of());
  }

  @Override
  public void modifyLoadBalancerAttributes(String arn, Map<String, String> attributes) {
    client.modifyLoadBalancerAttributes(
        r ->
            r.loadBalancerArn(arn)
                .attributes(
                    attributes.entrySet().stream()
                        .map(
                            e ->
                                LoadBalancerAttribute.builder()
                                    .key(e.getKey())
                                    .value(e.getValue())
                                    .build())
                        .toList()));
  }

  @Override
  public void setSecurityGroups(String arn, List<String> securityGroupIds) {
    client.setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(securityGroupIds));
  }

  @Override
  public void setSubnets(String arn, List<SubnetMapping> subnets) {
    setSubnets(arn, subnets, null);
  }

  @Override
  public void setSubnets(String arn, List<SubnetMapping> subnets, String prefixForIpv6SourceNat) {
    client.setSubnets(
        r ->
            r.loadBalancerArn(arn)
                .subnetMappings(subnets.stream().map(ElbRecords::toSdk).toList())
                .enablePrefixForIpv6SourceNat(prefixForIpv6SourceNat));
  }

  @Override
  public void setIpAddressType(String arn, String ipAddressType) {
    client.setIpAddressType(r -> r.loadBalancerArn(arn).ipAddressType(ipAddressType));
  }

  // --- listeners ---

  @Override
  public List<Listener> describeListeners(String loadBalancerArn) {
    return unlessNotFound(
        () -> {
          var result = new ArrayList<Listener>();
          client
              .describeListenersPaginator(
                  r -> r.loadBalancerArn(loadBalancerArn).pageSize(PAGE_SIZE))
              .listeners()
              .forEach(l -> result.add(ElbRecords.listener(l)));
          return result;
        },
        List.of());
  }

  @Override
  public Listener createListener(
      String loadBalancerArn, ListenerSettings settings, Map<String, String> tags) {
    var response =
        client.createListener(
            r ->
                r.loadBalancerArn(loadBalancerArn)
                    .port(settings.port())
                    .protocol(settings.protocol())
                    .defaultActions(ElbActions.toSdk(settings.defaultActions()))
                    .certificates(certificates(settings.defaultCertificateArn()))
                    .sslPolicy(settings.sslPolicy())
                    .alpnPolicy(alpn(settings.alpnPolicy()))
                    .mutualAuthentication(ElbRecords.toSdk(settings.mutualAuthentication()))
                    .tags(ElbRecords.toSdkTags(tags)));
    return ElbRecords.listener(response.listeners().get(0));
  }

  @Override
  public Listener modifyListener(String listenerArn, ListenerSettings settings) {
    var response =
        client.modifyListener(
            r ->
                r.listenerArn(listenerArn)
                    .port(settings.port())
                    .protocol(settings.protocol())
                    .defaultActions(ElbActions.toSdk(settings.defaultActions()))
                    .certificates(certificates(settings.defaultCertificateArn()))
                    .sslPolicy(settings.sslPolicy())
                    .alpnPolicy(alpn(settings.alpnPolicy()))
                    .mutualAuthentication(ElbRecords.toSdk(settings.mutualAuthentication())));
    return ElbRecords.listener(response.listeners().get(0));
  }

  private static List<Certificate> certificates(String certificateArn) {
    return certificateArn == null
        ? null
        : List.of(Certificate.builder().certificateArn(certificateArn).build());
  }

  private static List<String> alpn(List<String> alpnPolicy) {
    return alpnPolicy == null || alpnPolicy.isEmpty() ? null : alpnPolicy;
  }

  @Override
  public void deleteListener(String listenerArn) {
    client.deleteListener(r -> r.listenerArn(listenerArn));
  }

  @Override
  public List<ListenerCertificate> describeListenerCertificates(String listenerArn) {
    return unlessNotFound(
        () -> {
          var result = new ArrayList<ListenerCertificate>();
          client
              .describeListenerCertificatesPaginator(
                  r -> r.listenerArn(listenerArn).pageSize(PAGE_SIZE))
              .certificates()
              .forEach(
                  c ->
                      result.add(
                          new ListenerCertificate(
                              c.certificateArn(), Boolean.TRUE.equals(c.isDefault()))));
          return result;
        },
        List.of());
  }

  @Override
  public void addListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    if (!certificateArns.isEmpty()) {
      client.addListenerCertificates(
          r -> r.listenerArn(listenerArn).certificates(certificateList(certificateArns)));
    }
  }

  @Override
  public void removeListenerCertificates(String listenerArn, Collection<String> certificateArns) {
    if (!certificateArns.isEmpty()) {
      client.removeListenerCertificates(
          r -> r.listenerArn(listenerArn).certificates(certificateList(certificateArns)));
    }
  }

  private static List<Certificate> certificateList(Collection<String> arns) {
    return arns.stream().map(arn -> Certificate.builder().certificateArn(arn).build()).toList();
  }

  @Override
  public Map<String, String> describeListenerAttributes(String listenerArn) {
    return unlessNotFound(
        () ->
            attributes(
                client.describeListenerAttributes(r -> r.listenerArn(listenerArn)).attributes(),
                ListenerAttribute::key,
                ListenerAttribute::value),
        Map.of());
  }

  @Override
  public void modifyListenerAttributes(String listenerArn, Map<String, String> attributes) {
    client.modifyListenerAttributes(
        r ->
            r.listenerArn(listenerArn)
                .attributes(
                    attributes.entrySet().stream()
                        .map(
                            e ->
                                ListenerAttribute.builder()
                                    .key(e.getKey())
                                    .value(e.getValue())
                                    .build())
                        .toList()));
  }

  // --- trust stores ---

  /**
   * {@value #TRUST_STORE_NAME_BATCH} names per call; AWS fails a whole call for one unknown name
   * ({@code TrustStoreNotFound}), so such a batch is asked again one name at a time.
   */
  @Override
  public Map<String, String> describeTrustStoreArns(Collection<String> names) {
    var result = new LinkedHashMap<String, String>();
    Chunks.lookUp(
            names,
            TRUST_STORE_NAME_BATCH,
            batch ->
                client
                    .describeTrustStoresPaginator(r -> r.names(batch).pageSize(PAGE_SIZE))
                    .trustStores()
                    .stream()
                    .toList())
        .forEach(ts -> result.put(ts.name(), ts.trustStoreArn()));
    return result;
  }

  // --- rules ---

  @Override
  public List<Rule> describeRules(String listenerArn) {
    return unlessNotFound(
        () -> {
          var result = new ArrayList<Rule>();
          client
              .describeRulesPaginator(r -> r.listenerArn(listenerArn).pageSize(PAGE_SIZE))
              .rules()
              .forEach(rule -> result.add(ElbRecords.rule(rule)));
          result.sort(ElbRecords.BY_PRIORITY);
          return result;
        },
        List.of());
  }

  @Override
  public Rule createRule(
      String listenerArn,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms,
      Map<String, String> tags) {
    var response =
        client.createRule(
            r -> {
              r.listenerArn(listenerArn)
                  .priority(priority)
                  .actions(ElbActions.toSdk(actions))
                  .conditions(ElbConditions.toSdk(conditions))
                  .tags(ElbRecords.toSdkTags(tags));
              if (!transforms.isEmpty()) {
                r.transforms(ElbTransforms.toSdk(transforms));
              }
            });
    return ElbRecords.rule(response.rules().get(0));
  }

  @Override
  public void modifyRule(
      String ruleArn,
      List<Action> actions,
      List<RuleCondition> conditions,
      List<RuleTransform> transforms) {
    // AWS reads an empty Transforms list as "leave them": removing them takes ResetTransforms.
    client.modifyRule(
        r -> {
          r.ruleArn(ruleArn)
              .actions(ElbActions.toSdk(actions))
              .conditions(ElbConditions.toSdk(conditions));
          if (transforms.isEmpty()) {
            r.resetTransforms(true);
          } else {
            r.transforms(ElbTransforms.toSdk(transforms));
          }
        });
  }

  @Override
  public void setRulePriorities(Map<String, Integer> priorityByRuleArn) {
    if (priorityByRuleArn.isEmpty()) {
      return;
    }
    client.setRulePriorities(
        r ->
            r.rulePriorities(
                priorityByRuleArn.entrySet().stream()
                    .map(
                        e ->
                            RulePriorityPair.builder()
                                .ruleArn(e.getKey())
                                .priority(e.getValue())
                                .build())
                    .toList()));
  }

  @Override
  public void deleteRule(String ruleArn) {
    client.deleteRule(r -> r.ruleArn(ruleArn));
  }
}
