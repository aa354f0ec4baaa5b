package io.lbc.aws;

import io.lbc.config.AwsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.shield.ShieldClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.waf.regional.WafRegionalClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One SDK client per AWS service, built once and shared: endpoint override, region, timeouts,
 * adaptive retries (they slow down when AWS answers Throttling or RequestLimitExceeded), the
 * client-side rate limits of {@code --aws-api-throttle} (one budget for the whole process) and call
 * metrics. They share one HTTP connection pool. Only ELBv2 and EC2, which every start-up calls, are
 * built up front; the others on first use, so a cluster without certificates discovery, WAF, Shield
 * or Route 53 never loads their classes (the SDK's client classes pull in their model classes when
 * verified: ~700 classes for these five, measured with {@code -Xlog:class+load}).
 */
public final class AwsClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AwsClients.class);

  /** Shield is a global service whose API lives in us-east-1 (Route 53 is global too). */
  static final Region SHIELD_REGION = Region.US_EAST_1;

  private final AwsSettings settings;
  private final AwsCredentialsProvider credentials;
  private final MeterRegistry registry;
  private final SdkHttpClient httpClient;
  private final ApiThrottler throttler;

  private final ElasticLoadBalancingV2Client elbv2;
  private final Ec2Client ec2;
  private final Lazy<AcmClient> acm;
  private final Lazy<Wafv2Client> wafv2;
  private final Lazy<WafRegionalClient> wafRegional;
  private final Lazy<ShieldClient> shield;
  private final Lazy<ResourceGroupsTaggingApiClient> tagging;
  private final Lazy<StsClient> sts;
  private final java.util.Map<String, ElasticLoadBalancingV2Client> assumedRoleElbv2 =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Lazy<Route53Client> route53;

  public AwsClients(
      AwsSettings settings, AwsCredentialsProvider credentials, MeterRegistry registry) {
    this.settings = settings;
    this.credentials = credentials;
    this.registry = registry;
    this.httpClient = ApacheHttpClient.builder().maxConnections(64).build();
    this.throttler = new ApiThrottler(settings.throttle(), registry);
    this.elbv2 = configure(ElasticLoadBalancingV2Client.builder(), AwsService.ELBV2).build();
    this.ec2 = configure(Ec2Client.builder(), AwsService.EC2).build();
    this.acm = new Lazy<>(() -> configure(AcmClient.builder(), AwsService.ACM).build());
    this.wafv2 = new Lazy<>(() -> configure(Wafv2Client.builder(), AwsService.WAFV2).build());
    this.wafRegional =
        new Lazy<>(() -> configure(WafRegionalClient.builder(), AwsService.WAF_REGIONAL).build());
    this.shield = new Lazy<>(() -> configure(ShieldClient.builder(), AwsService.SHIELD).build());
    this.tagging =
        new Lazy<>(
            () -> configure(ResourceGroupsTaggingApiClient.builder(), AwsService.TAGGING).build());
    this.sts = new Lazy<>(() -> configure(StsClient.builder(), AwsService.STS).build());
    this.route53 = new Lazy<>(() -> configure(Route53Client.builder(), AwsService.ROUTE53).build());
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsService service) {
    builder
        .region(region(service))
        .credentialsProvider(credentials)
        .overrideConfiguration(
            o ->
                o.apiCallTimeout(settings.callTimeout())
                    .apiCallAttemptTimeout(settings.attemptTimeout())
                    .retryStrategy(
                        AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                            .maxAttempts(settings.maxRetries() + 1)
                            .build())
                    .addExecutionInterceptor(new AwsApiCallRecorder(service, registry))
                    .addExecutionInterceptor(throttler.interceptor(service)));
    settings.endpoint(service).ifPresent(builder::endpointOverride);
    if (builder
        instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
      sync.httpClient(httpClient);
    }
    return builder;
  }

  private Region region(AwsService service) {
    return switch (service) {
      case SHIELD -> SHIELD_REGION;
      case ROUTE53 -> Region.AWS_GLOBAL;
      default -> Region.of(settings.region());
    };
  }

  public ElasticLoadBalancingV2Client elbv2() {
    return elbv2;
  }

  /**
   * One small read of each ELBv2 listing a deploy starts with, so that a replica standing by does
   * not pay for the client's first calls (loading and setting up the SDK's request pipeline and the
   * operations' marshallers took seconds on a busy node) when it takes over with a user's change
   * waiting. Reads only; a failure is logged, the deploys will tell more.
   */
  public void warmUp() {
    try {
      CallPriority.LOW.runAs(
          () -> {
            elbv2.describeLoadBalancers(r -> r.pageSize(1));
            elbv2.describeTargetGroups(r -> r.pageSize(1));
          });
    } catch (RuntimeException e) {
      log.warn("warming up the ELBv2 client: {}", e.toString());
    }
  }

  /**
   * An ELBv2 client acting as the role (a cross-account TargetGroupBinding), built once per role
   * and external ID; it shares the endpoint, limits, retries and metrics of the others.
   */
  public ElasticLoadBalancingV2Client elbv2AssumingRole(
      String roleArn, String externalId, String clusterName) {
    return assumedRoleElbv2.computeIfAbsent(
        roleArn + "\n" + (externalId == null ? "" : externalId),
        k -> {
          var builder = configure(ElasticLoadBalancingV2Client.builder(), AwsService.ELBV2);
          builder.credentialsProvider(
              new AssumedRoleCredentials(
                  sts(), roleArn, externalId, clusterName, java.time.Clock.systemUTC()));
          return builder.build();
        });
  }

  public Ec2Client ec2() {
    return ec2;
  }

  public AcmClient acm() {
    return acm.get();
  }

  public Wafv2Client wafv2() {
    return wafv2.get();
  }

  public WafRegionalClient wafRegional() {
    return wafRegional.get();
  }

  /**
   * Whether WAF Classic regional can be reached in the configured region: an endpoint was given for
   * it, or the SDK knows it there (the reference asks its endpoint resolver the same).
   */
  public static boolean wafRegionalAvailable(AwsSettings settings) {
    return settings.endpoint(AwsService.WAF_REGIONAL).isPresent()
        || WafRegionalClient.serviceMetadata().regions().contains(Region.of(settings.region()));
  }

  public ShieldClient shield() {
    return shield.get();
  }

  public ResourceGroupsTaggingApiClient tagging() {
    return tagging.get();
  }

  public StsClient sts() {
    return sts.get();
  }

  public Route53Client route53() {
    return route53.get();
  }

  /** A client built on first use, once. */
  private static final class Lazy<T extends SdkAutoCloseable> implements Supplier<T> {
    private final Supplier<T> build;
    private volatile T client;

    Lazy(Supplier<T> build) {
      this.build = build;
    }

    @Override
    public T get() {
      T built = client;
      if (built == null) {
        synchronized (this) {
          built = client;
          if (built == null) {
            built = build.get();
            client = built;
          }
        }
      }
      return built;
    }

    void close() {
      T built = client;
      if (built != null) {
        built.close();
      }
    }
  }

  @Override
  public void close() {
    elbv2.close();
    ec2.close();
    acm.close();
    wafv2.close();
    wafRegional.close();
    shield.close();
    tagging.close();
    sts.close();
    assumedRoleElbv2.values().forEach(ElasticLoadBalancingV2Client::close);
    route53.close();
    httpClient.close();
  }
}
