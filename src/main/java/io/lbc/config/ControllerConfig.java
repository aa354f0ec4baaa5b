package io.lbc.config;

import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.TargetType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything the controller was configured with, validated, immutable. Built from the flags. */
public record ControllerConfig(
    String clusterName,
    AwsSettings aws,
    KubeSettings kube,
    Defaults defaults,
    LeaderElection leaderElection,
    HttpEndpoints http,
    LogLevel logLevel,
    FeatureGates featureGates,
    BuildSettings build,
    WebhookSettings webhooks,
    AddOns addOns,
    ReconcileSettings reconciling,
    TargetSettings targets) {

  /**
   * Which load balancer add-ons the controller manages ({@code --enable-waf}, {@code
   * --enable-wafv2}, {@code --enable-shield}). One turned off is never touched: associations and
   * protections made outside the controller stay.
   */
  public record AddOns(boolean waf, boolean wafv2, boolean shield) {
    public static AddOns allEnabled() {
      return new AddOns(true, true, true);
    }
  }

  /**
   * How hard the controllers work: reconciles running at once per controller, and the longest wait
   * between retries of a failing TargetGroupBinding (Ingresses and Services back off to 1000 s).
   *
   * @param syncPeriod {@code --sync-period}: every object is reconciled again at least this often
   * @param bindingRequeue {@code --targetgroupbinding-requeue-duration}: the longest wait before a
   *     binding looks again at target health or its networking
   * @param lbStabilizationInterval {@code --lb-stabilization-monitor-interval}: how often a new
   *     load balancer is polled until active, for settings that need it active
   * @param albGatewayWorkers {@code --alb-gateway-max-concurrent-reconciles} (Gateway controllers)
   * @param nlbGatewayWorkers {@code --nlb-gateway-max-concurrent-reconciles}
   * @param gatewayClassWorkers {@code --gateway-class-max-concurrent-reconciles}: GatewayClass and
   *     the gateway configuration CRDs
   * @param globalAcceleratorWorkers {@code --globalaccelerator-max-concurrent-reconciles}
   * @param globalAcceleratorMaxBackoff {@code --globalaccelerator-max-exponential-backoff-delay}
   * @param maxTargetsPerTargetGroup {@code --max-targets-per-target-group}: the most targets
   *     registered in one target group, 0 for no limit
   */
  public record ReconcileSettings(
      int ingressWorkers,
      int serviceWorkers,
      int bindingWorkers,
      java.time.Duration bindingMaxBackoff,
      java.time.Duration syncPeriod,
      java.time.Duration bindingRequeue,
      java.time.Duration lbStabilizationInterval,
      int albGatewayWorkers,
      int nlbGatewayWorkers,
      int gatewayClassWorkers,
      int globalAcceleratorWorkers,
      java.time.Duration globalAcceleratorMaxBackoff,
      int maxTargetsPerTargetGroup) {

    /** The first four as given, the rest at the reference's defaults. */
    public ReconcileSettings(
        int ingressWorkers,
        int serviceWorkers,
        int bindingWorkers,
        java.time.Duration bindingMaxBackoff) {
      this(
          ingressWorkers,
          serviceWorkers,
          bindingWorkers,
          bindingMaxBackoff,
          java.time.Duration.ofHours(10),
          java.time.Duration.ofSeconds(15),
          java.time.Duration.ofMinutes(2),
          3,
          3,
          3,
          1,
          java.time.Duration.ofSeconds(1000),
          0);
    }

    /** The reference controller's defaults. */
    public static ReconcileSettings defaults() {
      return new ReconcileSettings(3, 3, 3, java.time.Duration.ofSeconds(1000));
    }
  }

  /**
   * How targets are read and registered.
   *
   * @param endpointSlices {@code --enable-endpoint-slices}
   * @param eniSecurityGroupTags {@code --service-target-eni-security-group-tags}: with the cluster
   *     tag, pick the security group of a target ENI that has several
   * @param quicServerIdVariable {@code --quic-environment-variable-name}: the pod environment
   *     variable carrying its QUIC server ID
   */
  public record TargetSettings(
      boolean endpointSlices,
      Map<String, String> eniSecurityGroupTags,
      String quicServerIdVariable) {
    public static TargetSettings defaults() {
      return new TargetSettings(true, Map.of(), "AWS_LBC_QUIC_SERVER_ID");
    }
  }

  /**
   * Cluster access and scope.
   *
   * @param requiredSecretsLabel {@code --required-secrets-label}: only Secrets with this label are
   *     read (the OIDC client credentials)
   */
  public record KubeSettings(
      Optional<String> kubeconfig,
      Optional<String> watchNamespace,
      String ingressClass,
      String loadBalancerClass,
      Optional<SecretLabel> requiredSecretsLabel) {

    public KubeSettings(
        Optional<String> kubeconfig,
        Optional<String> watchNamespace,
        String ingressClass,
        String loadBalancerClass) {
      this(kubeconfig, watchNamespace, ingressClass, loadBalancerClass, Optional.empty());
    }
  }

  /** A label {@code key=value} a Secret must carry to be read. */
  public record SecretLabel(String key, String value) {
    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  /** Defaults applied where an Ingress or Service does not say. */
  public record Defaults(
      TargetType targetType,
      LoadBalancerScheme scheme,
      String sslPolicy,
      Map<String, String> tags) {}

  /**
   * Settings that shape the load balancer stacks the controller builds.
   *
   * @param defaultPcaArn {@code --default-pca-arn}: the private CA of the certificates {@code
   *     create-acm-cert} requests when the Ingress names none
   */
  public record BuildSettings(
      boolean enableBackendSecurityGroup,
      Optional<String> backendSecurityGroup,
      boolean manageBackendSecurityGroupRules,
      boolean disableRestrictedSecurityGroupRules,
      boolean tolerateNonExistentBackendService,
      boolean tolerateNonExistentBackendAction,
      Set<String> externalManagedTags,
      List<String> allowedCertificateAuthorityArns,
      Optional<String> defaultPcaArn) {

    public BuildSettings(
        boolean enableBackendSecurityGroup,
        Optional<String> backendSecurityGroup,
        boolean manageBackendSecurityGroupRules,
        boolean disableRestrictedSecurityGroupRules,
        boolean tolerateNonExistentBackendService,
        boolean tolerateNonExistentBackendAction,
        Set<String> externalManagedTags,
        List<String> allowedCertificateAuthorityArns) {
      this(
          enableBackendSecurityGroup,
          backendSecurityGroup,
          manageBackendSecurityGroupRules,
          disableRestrictedSecurityGroupRules,
          tolerateNonExistentBackendService,
          tolerateNonExistentBackendAction,
          externalManagedTags,
          allowedCertificateAuthorityArns,
          Optional.empty());
    }

    /** The reference controller's defaults. */
    public static BuildSettings defaults() {
      return new BuildSettings(
          true, Optional.empty(), false, false, true, true, Set.of(), List.of());
    }
  }

  /**
   * The admission webhook server.
   *
   * @param port 0 turns the server off
   * @param certFile PEM certificate chain, re-read when it changes
   * @param keyFile PEM private key, re-read when it changes
   * @param ingressClassAnnotationDisabled refuse new uses of {@code kubernetes.io/ingress.class}
   * @param ingressGroupNameAnnotationDisabled refuse new or changed {@code group.name} annotations
   * @param clientCaFile {@code --kube-ca-pem-filepath}: only callers presenting a client
   *     certificate this CA signed are served; any caller when empty
   */
  public record WebhookSettings(
      int port,
      String bindHost,
      java.nio.file.Path certFile,
      java.nio.file.Path keyFile,
      boolean podReadinessGateInject,
      boolean serviceMutator,
      boolean ingressClassAnnotationDisabled,
      boolean ingressGroupNameAnnotationDisabled,
      Optional<java.nio.file.Path> clientCaFile) {

    public static WebhookSettings disabled() {
      return new WebhookSettings(
          0,
          "",
          java.nio.file.Path.of("/tmp/k8s-webhook-server/serving-certs/tls.crt"),
          java.nio.file.Path.of("/tmp/k8s-webhook-server/serving-certs/tls.key"),
          true,
          false,
          false,
          false,
          Optional.empty());
    }
  }

  public record LeaderElection(boolean enabled, String id, Optional<String> namespace) {}

  /** Where the metrics and the health probes are served; empty means not served. */
  public record HttpEndpoints(Optional<BindAddress> metrics, Optional<BindAddress> healthProbes) {}

  public enum LogLevel {
    INFO,
    DEBUG
  }
}
