package io.lbc.rig;

import io.lbc.aws.ApiThrottleConfig;
import io.lbc.aws.AwsService;
import io.lbc.config.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.shield.ShieldClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.waf.regional.WafRegionalClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * AWS SDK clients pointed at moto for tests to arrange and inspect AWS state directly, independent
 * of the controller's own clients.
 */
public final class AwsTestClients implements AutoCloseable {
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final URI endpoint;
  private final ElasticLoadBalancingV2Client elbv2;
  private final Ec2Client ec2;
  private final AcmClient acm;
  private final ShieldClient shield;
  private final Wafv2Client wafv2;
  private final WafRegionalClient wafRegional;
  private final ResourceGroupsTaggingApiClient tagging;
  private final Route53Client route53;
  private final StsClient sts;

  AwsTestClients(URI endpoint) {
    this.endpoint = endpoint;
    this.elbv2 = configure(ElasticLoadBalancingV2Client.builder(), Region.of(Rig.REGION)).build();
    this.ec2 = configure(Ec2Client.builder(), Region.of(Rig.REGION)).build();
    this.acm = configure(AcmClient.builder(), Region.of(Rig.REGION)).build();
    this.shield = configure(ShieldClient.builder(), Region.US_EAST_1).build();
    this.wafv2 = configure(Wafv2Client.builder(), Region.of(Rig.REGION)).build();
    this.wafRegional = configure(WafRegionalClient.builder(), Region.of(Rig.REGION)).build();
    this.tagging =
        configure(ResourceGroupsTaggingApiClient.builder(), Region.of(Rig.REGION)).build();
    this.route53 = configure(Route53Client.builder(), Region.AWS_GLOBAL).build();
    this.sts = configure(StsClient.builder(), Region.of(Rig.REGION)).build();
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(CREDENTIALS)
        .overrideConfiguration(
            o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)));
  }

  /** Settings that point the controller's own clients at the same moto. */
  public AwsSettings controllerSettings(String vpcId) {
    Map<AwsService, URI> endpoints =
        Arrays.stream(AwsService.values())
            .collect(Collectors.toMap(Function.identity(), s -> endpoint));
    return new AwsSettings(
        Rig.REGION,
        Optional.ofNullable(vpcId),
        Map.of(),
        endpoints,
        1,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        ApiThrottleConfig.defaults());
  }

  /** The value of {@code --aws-api-endpoints} that sends every service to moto. */
  public String endpointsFlag() {
    return Arrays.stream(AwsService.values())
        .map(s -> s.serviceId() + "=" + endpoint)
        .collect(Collectors.joining(","));
  }

  /** The targets registered in the target group, as {@code id:port}, sorted. */
  public List<String> targets(String targetGroupArn) {
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions()
        .stream()
        .map(TargetHealthDescription::target)
        .map(t -> t.id() + ":" + t.port())
        .sorted()
        .toList();
  }

  public URI endpoint() {
    return endpoint;
  }

  public ElasticLoadBalancingV2Client elbv2() {
    return elbv2;
  }

  /**
   * An ELBv2 client that retries as the SDK's standard mode does, for benchmarks that make hundreds
   * of objects of their own: one 500 from moto among them should not end the run. Tests use {@link
   * #elbv2()}, which sends each call once, so they see what moto answered.
   */
  public ElasticLoadBalancingV2Client retryingElbv2() {
    return configure(ElasticLoadBalancingV2Client.builder(), Region.of(Rig.REGION))
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  public Ec2Client ec2() {
    return ec2;
  }

  public AcmClient acm() {
    return acm;
  }

  public ShieldClient shield() {
    return shield;
  }

  public Wafv2Client wafv2() {
    return wafv2;
  }

  public WafRegionalClient wafRegional() {
    return wafRegional;
  }

  public ResourceGroupsTaggingApiClient tagging() {
    return tagging;
  }

  public Route53Client route53() {
    return route53;
  }

  public StsClient sts() {
    return sts;
  }

  @Override
  public void close() {
    route53.close();
    sts.close();
    elbv2.close();
    ec2.close();
    acm.close();
    shield.close();
    wafv2.close();
    wafRegional.close();
    tagging.close();
  }
}
