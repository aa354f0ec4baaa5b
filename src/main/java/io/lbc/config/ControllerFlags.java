package io.lbc.config;

import io.lbc.annotations.ValueSyntax;
import io.lbc.aws.ApiThrottleConfig;
import io.lbc.aws.AwsService;
import io.lbc.aws.InstanceMetadata;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.TargetType;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The controller's flags, named and defaulted as the reference controller's (compat-spec §4). This
 * is the one place where a setting is declared; {@link #toConfig} validates them into a {@link
 * ControllerConfig}.
 */
public class ControllerFlags {
  private static final Logger log = LoggerFactory.getLogger(ControllerFlags.class);

  /** Tag keys the controller owns; {@code --default-tags} may not set them. */
  public static final Set<String> TRACKING_TAG_KEYS =
      Set.of(
          "elbv2.k8s.aws/cluster",
          "ingress.k8s.aws/stack",
          "ingress.k8s.aws/resource",
          "service.k8s.aws/stack",
          "service.k8s.aws/resource");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--cluster-name", description = "Name of the Kubernetes cluster (required).")
  String clusterName = "";

  @Option(
      names = "--aws-region",
      description = "AWS region; defaults to AWS_REGION or AWS_DEFAULT_REGION.")
  String awsRegion;

  @Option(names = "--aws-vpc-id", description = "ID of the cluster's VPC.")
  String awsVpcId;

  @Option(
      names = "--aws-vpc-tags",
      description = "Tags (k=v,...) that find the VPC when --aws-vpc-id is not given.")
  String awsVpcTags = "";

  @Option(
      names = "--aws-api-endpoints",
      description = "Endpoint overrides, serviceID=URL,... (e.g. EC2=http://127.0.0.1:5000).")
  String awsApiEndpoints = "";

  @Option(names = "--aws-max-retries", description = "Retries of a failed AWS call (default 10).")
  int awsMaxRetries = 10;

  @Option(
      names = "--aws-api-throttle",
      description =
          "Client-side AWS API rate limits, serviceID:operationRegex=rate:burst,...; the entries"
              + " of a service replace its defaults.")
  String awsApiThrottle = "";

  @Option(
      names = "--ingress-max-concurrent-reconciles",
      description = "Ingress reconciles that run at once (default 3).")
  int ingressMaxConcurrentReconciles = 3;

  @Option(
      names = "--service-max-concurrent-reconciles",
      description = "Service reconciles that run at once (default 3).")
  int serviceMaxConcurrentReconciles = 3;

  @Option(
      names = "--targetgroupbinding-max-concurrent-reconciles",
      description = "TargetGroupBinding reconciles that run at once (default 3).")
  int targetGroupBindingMaxConcurrentReconciles = 3;

  @Option(
      names = "--targetgroupbinding-max-exponential-backoff-delay",
      description =
          "Longest wait between retries of a failing TargetGroupBinding (default 16m40s).")
  String targetGroupBindingMaxExponentialBackoffDelay = "1000s";

  @Option(names = "--kubeconfig", description = "Path to a kubeconfig; in-cluster when absent.")
  String kubeconfig;

  @Option(names = "--ingress-class", description = "IngressClass this controller serves.")
  String ingressClass = "alb";

  @Option(
      names = "--load-balancer-class",
      description = "Service spec.loadBalancerClass this controller serves.")
  String loadBalancerClass = "service.k8s.aws/nlb";

  @Option(
      names = "--default-target-type",
      description = "instance or ip (default instance).",
      converter = TargetTypeConverter.class)
  TargetType defaultTargetType = TargetType.INSTANCE;

  @Option(
      names = "--default-load-balancer-scheme",
      description = "internal or internet-facing (default internal).",
      converter = SchemeConverter.class)
  LoadBalancerScheme defaultScheme = LoadBalancerScheme.INTERNAL;

  @Option(names = "--default-ssl-policy", description = "SSL policy of HTTPS and TLS listeners.")
  String defaultSslPolicy = "ELBSecurityPolicy-2016-08";

  @Option(
      names = "--default-tags",
      description = "Tags (k=v,...) on every AWS resource the controller creates.")
  String defaultTags = "";

  @Option(names = "--watch-namespace", description = "Only this namespace; all when empty.")
  String watchNamespace = "";

  @Option(
      names = "--required-secrets-label",
      description =
          "key=value: only Secrets carrying this label are read (OIDC client credentials); any"
              + " when empty.")
  String requiredSecretsLabel = "";

  @Option(
      names = "--enable-leader-election",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Elect a leader on a Lease (default true).")
  boolean enableLeaderElection = true;

  @Option(names = "--leader-election-id", description = "Name of the leader-election Lease.")
  String leaderElectionId = "aws-load-balancer-controller-leader";

  @Option(
      names = "--leader-election-namespace",
      description = "Namespace of the Lease; the controller's own namespace when empty.")
  String leaderElectionNamespace = "";

  @Option(names = "--metrics-bind-addr", description = "Address of /metrics; 0 turns it off.")
  String metricsBindAddr = ":8080";

  @Option(
      names = "--health-probe-bind-addr",
      description = "Address of /healthz and /readyz; 0 turns it off.")
  String healthProbeBindAddr = ":61779";

  @Option(names = "--log-level", description = "info or debug.")
  String logLevel = "info";

  @Option(
      names = "--feature-gates",
      description = "Feature gates, Key=bool,... (the reference controller's keys).")
  String featureGates = "";

  @Option(
      names = "--enable-backend-security-group",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Use one shared backend security group for node rules (default true).")
  boolean enableBackendSecurityGroup = true;

  @Option(
      names = "--backend-security-group",
      description = "The shared backend security group to use instead of creating one.")
  String backendSecurityGroup = "";

  @Option(
      names = "--enable-manage-backend-security-group-rules",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Manage backend rules also for user-given security groups (default false).")
  boolean manageBackendSecurityGroupRules = false;

  @Option(
      names = "--disable-restricted-sg-rules",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Open all ports in node rules instead of the target ports (default false).")
  boolean disableRestrictedSgRules = false;

  @Option(
      names = "--tolerate-non-existent-backend-service",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Answer 503 for a missing backend Service instead of failing (default true).")
  boolean tolerateNonExistentBackendService = true;

  @Option(
      names = "--tolerate-non-existent-backend-action",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description =
          "Answer 503 for a missing actions.* annotation instead of failing (default true).")
  boolean tolerateNonExistentBackendAction = true;

  @Option(
      names = "--external-managed-tags",
      description = "Tag keys managed outside the controller, never added or removed.")
  String externalManagedTags = "";

  @Option(
      names = "--allowed-certificate-authority-arns",
      description = "Only certificates of these CAs are discovered; all when empty.")
  String allowedCertificateAuthorityArns = "";

  @Option(
      names = "--default-pca-arn",
      description =
          "Private CA of the certificates create-acm-cert requests; Amazon-issued when empty.")
  String defaultPcaArn = "";

  @Option(
      names = "--max-targets-per-target-group",
      description = "Most targets registered in one target group; 0 for no limit (default 0).")
  int maxTargetsPerTargetGroup = 0;

  @Option(
      names = "--webhook-bind-port",
      description = "Port of the admission webhook server (default 9443); 0 turns it off.")
  int webhookBindPort = 9443;

  @Option(
      names = "--webhook-bind-host",
      description = "Address the webhook server listens on; every interface when empty.")
  String webhookBindHost = "";

  @Option(names = "--webhook-cert-dir", description = "Directory of the webhook's certificate.")
  String webhookCertDir = "/tmp/k8s-webhook-server/serving-certs";

  @Option(names = "--webhook-cert-file", description = "Certificate file name (default tls.crt).")
  String webhookCertFile = "tls.crt";

  @Option(names = "--webhook-key-file", description = "Private key file name (default tls.key).")
  String webhookKeyFile = "tls.key";

  @Option(
      names = "--enable-pod-readiness-gate-inject",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Inject target-health readiness gates into pods (default true).")
  boolean enablePodReadinessGateInject = true;

  @Option(
      names = "--enable-service-mutator-webhook",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Default spec.loadBalancerClass of new LoadBalancer Services (default false).")
  boolean enableServiceMutatorWebhook = false;

  @Option(
      names = "--disable-ingress-class-annotation",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description =
          "Refuse new uses of the kubernetes.io/ingress.class annotation (default false).")
  boolean disableIngressClassAnnotation = false;

  @Option(
      names = "--disable-ingress-group-name-annotation",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Refuse new or changed group.name annotations on Ingresses (default false).")
  boolean disableIngressGroupNameAnnotation = false;

  @Option(
      names = "--enable-waf",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Manage WAF Classic regional web ACL associations of ALBs (default true).")
  boolean enableWaf = true;

  @Option(
      names = "--enable-wafv2",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Manage WAFv2 web ACL associations of ALBs (default true).")
  boolean enableWafv2 = true;

  @Option(
      names = "--enable-shield",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Manage Shield Advanced protections of ALBs (default true).")
  boolean enableShield = true;

  @Option(
      names = "--aws-vpc-tag-key",
      description =
          "Deprecated: every tag of --aws-vpc-tags is used; a value other than Name is logged"
              + " and ignored.")
  String awsVpcTagKey = AwsSettings.DEFAULT_VPC_NAME_TAG_KEY;

  @Option(
      names = "--aws-vpc-cache-ttl",
      description = "Accepted and ignored, logged once (the reference declares it, binds nothing).")
  String awsVpcCacheTtl;

  @Option(
      names = "--enable-acm-certificates",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Accepted and ignored, logged once (the reference declares it, binds nothing; the"
              + " EnableCertificateManagement feature gate is what counts).")
  String enableAcmCertificates;

  @Option(
      names = "--service-target-eni-security-group-tags",
      description =
          "Tags (k=v,...) that pick the security group of a target's ENI when it has several,"
              + " with the cluster tag.")
  String serviceTargetEniSecurityGroupTags = "";

  @Option(
      names = "--enable-endpoint-slices",
      arity = "0..1",
      fallbackValue = "true",
      converter = BoolConverter.class,
      description = "Read targets from EndpointSlices (default true); false reads Endpoints.")
  boolean enableEndpointSlices = true;

  @Option(
      names = "--quic-environment-variable-name",
      description =
          "Environment variable that carries a pod's QUIC server ID (default"
              + " AWS_LBC_QUIC_SERVER_ID).")
  String quicEnvironmentVariableName = "AWS_LBC_QUIC_SERVER_ID";

  @Option(
      names = "--alb-gateway-max-concurrent-reconciles",
      description = "ALB Gateway reconciles that run at once (default 3).")
  int albGatewayMaxConcurrentReconciles = 3;

  @Option(
      names = "--nlb-gateway-max-concurrent-reconciles",
      description = "NLB Gateway reconciles that run at once (default 3).")
  int nlbGatewayMaxConcurrentReconciles = 3;

  @Option(
      names = "--gateway-class-max-concurrent-reconciles",
      description = "GatewayClass and gateway configuration reconciles at once (default 3).")
  int gatewayClassMaxConcurrentReconciles = 3;

  @Option(
      names = "--globalaccelerator-max-concurrent-reconciles",
      description = "GlobalAccelerator reconciles that run at once (default 1).")
  int globalAcceleratorMaxConcurrentReconciles = 1;

  @Option(
      names = "--globalaccelerator-max-exponential-backoff-delay",
      description = "Longest wait between retries of a failing GlobalAccelerator (default 16m40s).")
  String globalAcceleratorMaxExponentialBackoffDelay = "1000s";

  @Option(
      names = "--lb-stabilization-monitor-interval",
      description =
          "How often a new load balancer is polled until active before settings that need it"
              + " are applied (default 2m).")
  String lbStabilizationMonitorInterval = "2m";

  @Option(
      names = "--targetgroupbinding-requeue-duration",
      description =
          "Longest wait before a TargetGroupBinding looks again at target health or its"
              + " networking (default 15s).")
  String targetGroupBindingRequeueDuration = "15s";

  @Option(
      names = "--sync-period",
      description = "Every object is reconciled again at least this often (default 10h).")
  String syncPeriod = "10h";

  @Option(
      names = "--kube-ca-pem-filepath",
      description =
          "PEM CA file: only callers with a client certificate it signed reach the webhooks;"
              + " any caller when empty.")
  String kubeCaPemFilepath = "";

  /** Validates the parsed flags; environment supplies the AWS region when the flag is absent. */
  public ControllerConfig toConfig(Map<String, String> environment) {
    if (clusterName.isBlank()) {
      throw invalid("--cluster-name", "is required");
    }
    logIgnoredFlags();
    return new ControllerConfig(
        clusterName,
        awsSettings(environment),
        new ControllerConfig.KubeSettings(
            optional(kubeconfig),
            optional(watchNamespace),
            ingressClass,
            loadBalancerClass,
            requiredSecretsLabel()),
        new ControllerConfig.Defaults(
            defaultTargetType, defaultScheme, defaultSslPolicy, defaultTags()),
        new ControllerConfig.LeaderElection(
            enableLeaderElection,
            requireNonBlank("--leader-election-id", leaderElectionId),
            optional(leaderElectionNamespace)),
        new ControllerConfig.HttpEndpoints(
            bindAddress("--metrics-bind-addr", metricsBindAddr),
            bindAddress("--health-probe-bind-addr", healthProbeBindAddr)),
        logLevel(),
        featureGates(),
        buildSettings(),
        webhookSettings(),
        new ControllerConfig.AddOns(enableWaf, enableWafv2, enableShield),
        reconcileSettings(),
        new ControllerConfig.TargetSettings(
            enableEndpointSlices,
            stringMap(
                "--service-target-eni-security-group-tags", serviceTargetEniSecurityGroupTags),
            requireNonBlank("--quic-environment-variable-name", quicEnvironmentVariableName)));
  }

  /**
   * Flags the reference declares but never binds to anything: accepted so that a copied Deployment
   * starts, and logged once, here, as ignored.
   */
  private void logIgnoredFlags() {
    if (awsVpcCacheTtl != null) {
      log.warn(
          "--aws-vpc-cache-ttl={} is ignored: the reference controller declares it but nothing"
              + " reads it",
          awsVpcCacheTtl);
    }
    if (enableAcmCertificates != null) {
      log.warn(
          "--enable-acm-certificates={} is ignored: the reference controller declares it but"
              + " nothing reads it; the EnableCertificateManagement feature gate turns certificate"
              + " management on",
          enableAcmCertificates);
    }
  }

  private ControllerConfig.ReconcileSettings reconcileSettings() {
    return new ControllerConfig.ReconcileSettings(
        positive("--ingress-max-concurrent-reconciles", ingressMaxConcurrentReconciles),
        positive("--service-max-concurrent-reconciles", serviceMaxConcurrentReconciles),
        positive(
            "--targetgroupbinding-max-concurrent-reconciles",
            targetGroupBindingMaxConcurrentReconciles),
        duration(
            "--targetgroupbinding-max-exponential-backoff-delay",
            targetGroupBindingMaxExponentialBackoffDelay),
        duration("--sync-period", syncPeriod),
        duration("--targetgroupbinding-requeue-duration", targetGroupBindingRequeueDuration),
        duration("--lb-stabilization-monitor-interval", lbStabilizationMonitorInterval),
        positive("--alb-gateway-max-concurrent-reconciles", albGatewayMaxConcurrentReconciles),
        positive("--nlb-gateway-max-concurrent-reconciles", nlbGatewayMaxConcurrentReconciles),
        positive("--gateway-class-max-concurrent-reconciles", gatewayClassMaxConcurrentReconciles),
        positive(
            "--globalaccelerator-max-concurrent-reconciles",
            globalAcceleratorMaxConcurrentReconciles),
        duration(
            "--globalaccelerator-max-exponential-backoff-delay",
            globalAcceleratorMaxExponentialBackoffDelay),
        atLeastZero("--max-targets-per-target-group", maxTargetsPerTargetGroup));
  }

  private int atLeastZero(String flag, int value) {
    if (value < 0) {
      throw invalid(flag, "must be 0 (no limit) or more, got " + value);
    }
    return value;
  }

  /** A Go duration ({@code 15s}, {@code 16m40s}, {@code 10h}) that must be positive. */
  private Duration duration(String flag, String value) {
    Duration parsed;
    try {
      parsed = GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(flag, e.getMessage());
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw invalid(flag, "must be positive, got " + value);
    }
    return parsed;
  }

  private int positive(String flag, int value) {
    if (value < 1) {
      throw invalid(flag, "must be at least 1, got " + value);
    }
    return value;
  }

  private ApiThrottleConfig apiThrottle() {
    try {
      return ApiThrottleConfig.fromFlag(awsApiThrottle);
    } catch (IllegalArgumentException e) {
      throw invalid("--aws-api-throttle", e.getMessage());
    }
  }

  private ControllerConfig.WebhookSettings webhookSettings() {
    if (webhookBindPort < 0 || webhookBindPort > 65535) {
      throw invalid("--webhook-bind-port", "port " + webhookBindPort + " is out of range 0-65535");
    }
    java.nio.file.Path dir = java.nio.file.Path.of(webhookCertDir);
    return new ControllerConfig.WebhookSettings(
        webhookBindPort,
        webhookBindHost,
        dir.resolve(webhookCertFile),
        dir.resolve(webhookKeyFile),
        enablePodReadinessGateInject,
        enableServiceMutatorWebhook,
        disableIngressClassAnnotation,
        disableIngressGroupNameAnnotation,
        clientCaFile());
  }

  private Optional<java.nio.file.Path> clientCaFile() {
    Optional<java.nio.file.Path> file = optional(kubeCaPemFilepath).map(java.nio.file.Path::of);
    file.ifPresent(
        f -> {
          if (!java.nio.file.Files.isReadable(f)) {
            throw invalid("--kube-ca-pem-filepath", "cannot read " + f);
          }
        });
    return file;
  }

  private Optional<ControllerConfig.SecretLabel> requiredSecretsLabel() {
    if (requiredSecretsLabel.isBlank()) {
      return Optional.empty();
    }
    int equals = requiredSecretsLabel.indexOf('=');
    String key = equals < 0 ? "" : requiredSecretsLabel.substring(0, equals).trim();
    if (key.isEmpty()) {
      throw invalid(
          "--required-secrets-label",
          "'" + requiredSecretsLabel + "' is not of the form key=value");
    }
    return Optional.of(
        new ControllerConfig.SecretLabel(key, requiredSecretsLabel.substring(equals + 1).trim()));
  }

  private ControllerConfig.BuildSettings buildSettings() {
    Optional<String> backendGroup = optional(backendSecurityGroup);
    backendGroup.ifPresent(
        id -> {
          if (!id.startsWith("sg-")) {
            throw invalid(
                "--backend-security-group", "'" + id + "' is not a security group ID (sg-...)");
          }
        });
    if (manageBackendSecurityGroupRules && !enableBackendSecurityGroup) {
      throw invalid(
          "--enable-manage-backend-security-group-rules",
          "requires --enable-backend-security-group=true");
    }
    Set<String> managedElsewhere = Set.copyOf(ValueSyntax.parseStringList(externalManagedTags));
    for (String key : managedElsewhere) {
      if (TRACKING_TAG_KEYS.contains(key)) {
        throw invalid(
            "--external-managed-tags", "tag key '" + key + "' is reserved for the controller");
      }
    }
    return new ControllerConfig.BuildSettings(
        enableBackendSecurityGroup,
        backendGroup,
        manageBackendSecurityGroupRules,
        disableRestrictedSgRules,
        tolerateNonExistentBackendService,
        tolerateNonExistentBackendAction,
        managedElsewhere,
        ValueSyntax.parseStringList(allowedCertificateAuthorityArns),
        optional(defaultPcaArn));
  }

  private AwsSettings awsSettings(Map<String, String> environment) {
    if (awsMaxRetries < 0) {
      throw invalid("--aws-max-retries", "must not be negative, got " + awsMaxRetries);
    }
    Map<AwsService, URI> endpoints = endpoints();
    var discovery = AwsSettings.Discovery.from(awsVpcTagKey, environment);
    Optional<String> vpcId = optional(awsVpcId);
    vpcId.ifPresent(
        id -> {
          if (!id.matches("vpc-[0-9a-f]+")) {
            throw invalid("--aws-vpc-id", "'" + id + "' is not a VPC ID (vpc-...)");
          }
        });
    var settings =
        new AwsSettings(
            "",
            vpcId,
            stringMap("--aws-vpc-tags", awsVpcTags),
            endpoints,
            awsMaxRetries,
            Duration.ofSeconds(120),
            Duration.ofSeconds(30),
            apiThrottle(),
            discovery);
    return new AwsSettings(
        region(environment, settings),
        settings.vpcId(),
        settings.vpcTags(),
        settings.endpoints(),
        settings.maxRetries(),
        settings.callTimeout(),
        settings.attemptTimeout(),
        settings.throttle(),
        settings.discovery());
  }

  /**
   * As the reference: the flag, else {@code AWS_DEFAULT_REGION}, else {@code AWS_REGION}, else the
   * instance metadata's {@code placement/region}.
   */
  private String region(Map<String, String> environment, AwsSettings settings) {
    Optional<String> given =
        Optional.ofNullable(awsRegion)
            .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION")))
            .or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
            .filter(r -> !r.isBlank());
    if (given.isPresent()) {
      return given.get();
    }
    try {
      String region = settings.instanceMetadata().region();
      log.info("region {} from instance metadata (no --aws-region)", region);
      return region;
    } catch (InstanceMetadata.Unavailable e) {
      throw invalid(
          "--aws-region",
          "is required when AWS_REGION is not set and the instance metadata cannot tell ("
              + e.getMessage()
              + ")");
    }
  }

  private Map<AwsService, URI> endpoints() {
    var endpoints = new EnumMap<AwsService, URI>(AwsService.class);
    stringMap("--aws-api-endpoints", awsApiEndpoints)
        .forEach(
            (serviceId, url) -> {
              AwsService service =
                  AwsService.byServiceId(serviceId)
                      .orElseThrow(
                          () ->
                              invalid(
                                  "--aws-api-endpoints",
                                  "unknown service ID '"
                                      + serviceId
                                      + "'; known: "
                                      + Arrays.stream(AwsService.values())
                                          .map(AwsService::serviceId)
                                          .collect(Collectors.joining(", "))));
              URI uri;
              try {
                uri = URI.create(url);
              } catch (IllegalArgumentException e) {
                throw invalid("--aws-api-endpoints", "'" + url + "' is not a URL");
              }
              if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                  || uri.getHost() == null) {
                throw invalid("--aws-api-endpoints", "'" + url + "' is not an http(s) URL");
              }
              endpoints.put(service, uri);
            });
    return Map.copyOf(endpoints);
  }

  private Map<String, String> defaultTags() {
    Map<String, String> tags = stringMap("--default-tags", defaultTags);
    for (String key : tags.keySet()) {
      if (TRACKING_TAG_KEYS.contains(key)) {
        throw invalid("--default-tags", "tag key '" + key + "' is reserved for the controller");
      }
    }
    return Map.copyOf(tags);
  }

  private ControllerConfig.LogLevel logLevel() {
    return switch (logLevel) {
      case "info" -> ControllerConfig.LogLevel.INFO;
      case "debug" -> ControllerConfig.LogLevel.DEBUG;
      default -> throw invalid("--log-level", "'" + logLevel + "' is not one of info, debug");
    };
  }

  private FeatureGates featureGates() {
    var overrides = new LinkedHashMap<FeatureGate, Boolean>();
    stringMap("--feature-gates", featureGates)
        .forEach(
            (key, value) -> {
              FeatureGate gate =
                  FeatureGate.byKey(key)
                      .orElseThrow(
                          () -> invalid("--feature-gates", "unknown feature gate '" + key + "'"));
              try {
                overrides.put(gate, ValueSyntax.parseBool(value));
              } catch (IllegalArgumentException e) {
                throw invalid("--feature-gates", key + ": " + e.getMessage());
              }
            });
    return FeatureGates.withOverrides(overrides);
  }

  private Map<String, String> stringMap(String flag, String value) {
    try {
      return ValueSyntax.parseStringMap(value);
    } catch (IllegalArgumentException e) {
      throw invalid(flag, e.getMessage());
    }
  }

  private Optional<BindAddress> bindAddress(String flag, String value) {
    if (value.equals("0")) {
      return Optional.empty();
    }
    try {
      return Optional.of(BindAddress.parse(value));
    } catch (IllegalArgumentException e) {
      throw invalid(flag, e.getMessage());
    }
  }

  private String requireNonBlank(String flag, String value) {
    if (value.isBlank()) {
      throw invalid(flag, "must not be empty");
    }
    return value;
  }

  private static Optional<String> optional(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  private ParameterException invalid(String flag, String reason) {
    return new ParameterException(
        spec.commandLine(), "Invalid value for option '" + flag + "': " + reason);
  }

  /** Reads a boolean the way Go's flag package does. */
  public static final class BoolConverter implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      try {
        return ValueSyntax.parseBool(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  public static final class TargetTypeConverter implements ITypeConverter<TargetType> {
    @Override
    public TargetType convert(String value) {
      return TargetType.parse(value)
          .orElseThrow(
              () -> new TypeConversionException("'" + value + "' is not one of instance, ip"));
    }
  }

  public static final class SchemeConverter implements ITypeConverter<LoadBalancerScheme> {
    @Override
    public LoadBalancerScheme convert(String value) {
      return LoadBalancerScheme.parse(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'" + value + "' is not one of internal, internet-facing"));
    }
  }
}
