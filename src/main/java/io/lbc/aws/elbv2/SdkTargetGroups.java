package io.lbc.aws.elbv2;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import io.lbc.aws.Chunks;
import io.lbc.model.elbv2.TargetGroupSpec.HealthCheckConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/** The target group, target and tag half of {@link SdkElbv2}. */
abstract sealed class SdkTargetGroups implements Elbv2 permits SdkElbv2 {
  /** The most ARNs DescribeTags takes in one call (API reference: "up to 20 resources"). */
  static final int TAG_BATCH = 20;

  /**
   * Target group ARNs per DescribeTargetGroups call. The API reference gives no limit for target
   * groups; we use the 20 it documents for load balancer ARNs so one rule serves both.
   */
  static final int TARGET_GROUP_ARN_BATCH = 20;

  /**
   * Targets per RegisterTargets / DeregisterTargets call. The API model sets no maximum, but ELBv2
   * rejects large target lists intermittently depending on its load (kubernetes/kubernetes#101592
   * moved the legacy cloud provider to chunks of 100 for that reason); the reference controller
   * uses 200, a figure its authors got from the ELBv2 team (aws-load-balancer-controller#1342). We
   * use the same 200: a 1,000-target group (the default quota) takes five calls.
   */
  static final int TARGET_BATCH = 200;

  final ElasticLoadBalancingV2Client client;

  SdkTargetGroups(ElasticLoadBalancingV2Client client) {
    this.client = client;
  }

  // --- target groups ---

  @Override
  public List<TargetGroup> describeTargetGroups() {
    var result = new ArrayList<TargetGroup>();
    client
        .describeTargetGroupsPaginator(r -> r.pageSize(SdkElbv2.PAGE_SIZE))
        .targetGroups()
        .forEach(tg -> result.add(ElbRecords.targetGroup(tg)));
    return result;
  }

  @Override
  public List<TargetGroup> describeTargetGroupsOfLoadBalancer(String loadBalancerArn) {
    var result = new ArrayList<TargetGroup>();
    client
        .describeTargetGroupsPaginator(
            r -> r.loadBalancerArn(loadBalancerArn).pageSize(SdkElbv2.PAGE_SIZE))
        .targetGroups()
        .forEach(tg -> result.add(ElbRecords.targetGroup(tg)));
    return result;
  }

  @Override
  public Optional<TargetGroup> describeTargetGroup(String arn) {
    return describeTargetGroups(List.of(arn)).stream().findFirst();
  }

  /**
   * The target groups of the ARNs that exist, {@value #TARGET_GROUP_ARN_BATCH} per call. A batch
   * that AWS fails for an unknown ARN is asked again one ARN at a time. Results come in the order
   * the ARNs were given.
   */
  public List<TargetGroup> describeTargetGroups(Collection<String> arns) {
    var found = Chunks.lookUp(arns, TARGET_GROUP_ARN_BATCH, this::describeTargetGroupsNow);
    return ElbRecords.inOrderAsked(found, TargetGroup::arn, arns);
  }

  private List<TargetGroup> describeTargetGroupsNow(List<String> arns) {
    return client.describeTargetGroups(r -> r.targetGroupArns(arns)).targetGroups().stream()
        .map(ElbRecords::targetGroup)
        .toList();
  }

  @Override
  public Optional<TargetGroup> describeTargetGroupByName(String name) {
    return unlessNotFound(
        () ->
            client.describeTargetGroups(r -> r.names(name)).targetGroups().stream()
                .findFirst()
                .map(ElbRecords::targetGroup),
        Optional.empty());
  }

  @Override
  public TargetGroup createTargetGroup(CreateTargetGroup request) {
    HealthCheckConfig health = request.healthCheck();
    var response =
        client.createTargetGroup(
            r -> {
              r.name(request.name())
                  .targetType(request.targetType())
                  .port(request.port())
                  .protocol(request.protocol())
                  .protocolVersion(request.protocolVersion())
                  .ipAddressType(request.ipAddressType())
                  .vpcId(request.vpcId())
                  .targetControlPort(request.targetControlPort())
                  .tags(ElbRecords.toSdkTags(request.tags()));
              if (health != null) {
                r.healthCheckPort(health.port())
                    .healthCheckProtocol(health.protocol())
                    .healthCheckPath(health.path())
                    .matcher(ElbRecords.toSdk(health.matcher()))
                    .healthCheckIntervalSeconds(health.intervalSeconds())
                    .healthCheckTimeoutSeconds(health.timeoutSeconds())
                    .healthyThresholdCount(health.healthyThresholdCount())
                    .unhealthyThresholdCount(health.unhealthyThresholdCount());
              }
            });
    return ElbRecords.targetGroup(response.targetGroups().get(0));
  }

  @Override
  public TargetGroup modifyTargetGroup(String arn, HealthCheckConfig health) {
    var response =
        client.modifyTargetGroup(
            r ->
                r.targetGroupArn(arn)
                    .healthCheckPort(health.port())
                    .healthCheckProtocol(health.protocol())
                    .healthCheckPath(health.path())
                    .matcher(ElbRecords.toSdk(health.matcher()))
                    .healthCheckIntervalSeconds(health.intervalSeconds())
                    .healthCheckTimeoutSeconds(health.timeoutSeconds())
                    .healthyThresholdCount(health.healthyThresholdCount())
                    .unhealthyThresholdCount(health.unhealthyThresholdCount()));
    return ElbRecords.targetGroup(response.targetGroups().get(0));
  }

  @Override
  public void deleteTargetGroup(String arn) {
    client.deleteTargetGroup(r -> r.targetGroupArn(arn));
  }

  @Override
  public Map<String, String> describeTargetGroupAttributes(String arn) {
    return unlessNotFound(
        () ->
            attributes(
                client.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes(),
                TargetGroupAttribute::key,
                TargetGroupAttribute::value),
        Map.of());
  }

  @Override
  public void modifyTargetGroupAttributes(String arn, Map<String, String> attributes) {
    client.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(arn)
                .attributes(
                    attributes.entrySet().stream()
                        .map(
                            e ->
                                TargetGroupAttribute.builder()
                                    .key(e.getKey())
                                    .value(e.getValue())
                                    .build())
                        .toList()));
  }

  static <A> Map<String, String> attributes(
      List<A> attributes, Function<A, String> key, Function<A, String> value) {
    var result = new LinkedHashMap<String, String>();
    attributes.forEach(a -> result.put(key.apply(a), value.apply(a)));
    return result;
  }

  // --- targets ---

  @Override
  public List<TargetHealth> describeTargetHealth(String targetGroupArn) {
    return unlessNotFound(
        () ->
            client
                .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions()
                .stream()
                .map(ElbRecords::targetHealth)
                .toList(),
        List.of());
  }

  @Override
  public int registerTargets(String targetGroupArn, Collection<Target> targets) {
    var batches = Chunks.of(targets, TARGET_BATCH);
    for (List<Target> batch : batches) {
      client.registerTargets(
          r ->
              r.targetGroupArn(targetGroupArn)
                  .targets(batch.stream().map(ElbRecords::toSdk).toList()));
    }
    return batches.size();
  }

  @Override
  public int deregisterTargets(String targetGroupArn, Collection<Target> targets) {
    var batches = Chunks.of(targets, TARGET_BATCH);
    for (List<Target> batch : batches) {
      client.deregisterTargets(
          r ->
              r.targetGroupArn(targetGroupArn)
                  .targets(batch.stream().map(ElbRecords::toSdk).toList()));
    }
    return batches.size();
  }

  // --- tags ---

  /**
   * Tags of the ARNs that exist, {@value #TAG_BATCH} per call; ARNs of resources that are gone are
   * left out (a batch AWS fails for one of them is asked again one ARN at a time).
   */
  @Override
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    var result = new LinkedHashMap<String, Map<String, String>>();
    Chunks.lookUp(arns, TAG_BATCH, this::describeTagsNow)
        .forEach(d -> result.put(d.resourceArn(), ElbRecords.tags(d.tags())));
    return result;
  }

  private List<TagDescription> describeTagsNow(List<String> arns) {
    return client.describeTags(r -> r.resourceArns(arns)).tagDescriptions();
  }

  @Override
  public void addTags(String arn, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      client.addTags(r -> r.resourceArns(arn).tags(ElbRecords.toSdkTags(tags)));
    }
  }

  @Override
  public void removeTags(String arn, Collection<String> keys) {
    if (!keys.isEmpty()) {
      client.removeTags(r -> r.resourceArns(arn).tagKeys(keys));
    }
  }
}
