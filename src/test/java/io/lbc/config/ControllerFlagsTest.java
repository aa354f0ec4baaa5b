package io.lbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsService;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.TargetType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class ControllerFlagsTest {
  @Command
  static class Holder {
    @Mixin ControllerFlags flags;
  }

  private static ControllerConfig parse(String... args) {
    return parse(Map.of(), args);
  }

  private static ControllerConfig parse(Map<String, String> env, String... args) {
    var holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.flags.toConfig(env);
  }

  @Test
  void defaultsMatchTheReferenceController() {
    ControllerConfig config = parse("--cluster-name=prod", "--aws-region=eu-west-1");

    assertThat(config.clusterName()).isEqualTo("prod");
    assertThat(config.aws().region()).isEqualTo("eu-west-1");
    assertThat(config.aws().maxRetries()).isEqualTo(10);
    assertThat(config.kube().ingressClass()).isEqualTo("alb");
    assertThat(config.kube().loadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
    assertThat(config.kube().watchNamespace()).isEmpty();
    assertThat(config.defaults().targetType()).isEqualTo(TargetType.INSTANCE);
    assertThat(config.defaults().scheme()).isEqualTo(LoadBalancerScheme.INTERNAL);
    assertThat(config.defaults().sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
    assertThat(config.leaderElection().enabled()).isTrue();
    assertThat(config.leaderElection().id()).isEqualTo("aws-load-balancer-controller-leader");
    assertThat(config.http().metrics()).contains(new BindAddress("", 8080));
    assertThat(config.http().healthProbes()).contains(new BindAddress("", 61779));
    assertThat(config.logLevel()).isEqualTo(ControllerConfig.LogLevel.INFO);
    assertThat(config.featureGates().enabled(FeatureGate.ENABLE_IP_TARGET_TYPE)).isTrue();
    assertThat(config.featureGates().enabled(FeatureGate.ALB_SINGLE_SUBNET)).isFalse();
    assertThat(config.build()).isEqualTo(ControllerConfig.BuildSettings.defaults());
    assertThat(config.webhooks().port()).isEqualTo(9443);
    assertThat(config.reconciling()).isEqualTo(ControllerConfig.ReconcileSettings.defaults());
    assertThat(config.aws().throttle().toString())
        .isEqualTo(io.lbc.aws.ApiThrottleConfig.defaults().toString());
    assertThat(config.webhooks().certFile())
        .isEqualTo(java.nio.file.Path.of("/tmp/k8s-webhook-server/serving-certs/tls.crt"));
    assertThat(config.webhooks().podReadinessGateInject()).isTrue();
    assertThat(config.webhooks().serviceMutator()).isFalse();
    assertThat(config.webhooks().ingressClassAnnotationDisabled()).isFalse();
    assertThat(config.webhooks().ingressGroupNameAnnotationDisabled()).isFalse();
  }

  @Test
  void readsTheIngressAnnotationDisableFlags() {
    var webhooks =
        parse(
                "--cluster-name=c",
                "--aws-region=r",
                "--disable-ingress-class-annotation",
                "--disable-ingress-group-name-annotation=true")
            .webhooks();
    assertThat(webhooks.ingressClassAnnotationDisabled()).isTrue();
    assertThat(webhooks.ingressGroupNameAnnotationDisabled()).isTrue();
    assertRejected(
        "--disable-ingress-class-annotation",
        "--cluster-name=c",
        "--aws-region=r",
        "--disable-ingress-class-annotation=sometimes");
  }

  @Test
  void readsTheStackBuildingFlags() {
    ControllerConfig.BuildSettings build =
        parse(
                "--cluster-name=c",
                "--aws-region=r",
                "--backend-security-group=sg-0abc",
                "--enable-manage-backend-security-group-rules",
                "--disable-restricted-sg-rules=true",
                "--tolerate-non-existent-backend-service=false",
                "--tolerate-non-existent-backend-action=false",
                "--external-managed-tags=owner, cost",
                "--allowed-certificate-authority-arns=arn:aws:acm-pca:us-west-2:1:certificate-authority/x")
            .build();
    assertThat(build.backendSecurityGroup()).contains("sg-0abc");
    assertThat(build.manageBackendSecurityGroupRules()).isTrue();
    assertThat(build.disableRestrictedSecurityGroupRules()).isTrue();
    assertThat(build.tolerateNonExistentBackendService()).isFalse();
    assertThat(build.tolerateNonExistentBackendAction()).isFalse();
    assertThat(build.externalManagedTags()).containsExactlyInAnyOrder("owner", "cost");
    assertThat(build.allowedCertificateAuthorityArns()).hasSize(1);
  }

  @Test
  void readsEveryFlag() {
    ControllerConfig config =
        parse(
            "--cluster-name",
            "c1",
            "--aws-region=us-west-2",
            "--aws-vpc-id=vpc-0abc123",
            "--aws-api-endpoints=EC2=http://127.0.0.1:5000,Elastic Load Balancing v2=http://127.0.0.1:5001",
            "--kubeconfig=/tmp/kc",
            "--ingress-class=internal-alb",
            "--load-balancer-class=example.com/nlb",
            "--default-target-type=ip",
            "--default-load-balancer-scheme=internet-facing",
            "--default-ssl-policy=ELBSecurityPolicy-TLS13-1-2-2021-06",
            "--default-tags=team=platform,cost-center=42",
            "--watch-namespace=apps",
            "--enable-leader-election=false",
            "--leader-election-id=my-lease",
            "--metrics-bind-addr=127.0.0.1:9090",
            "--health-probe-bind-addr=0",
            "--log-level=debug",
            "--feature-gates=ALBSingleSubnet=true,EnableIPTargetType=false");

    assertThat(config.aws().vpcId()).contains("vpc-0abc123");
    assertThat(config.aws().endpoints())
        .containsEntry(AwsService.EC2, URI.create("http://127.0.0.1:5000"))
        .containsEntry(AwsService.ELBV2, URI.create("http://127.0.0.1:5001"))
        .hasSize(2);
    assertThat(config.kube().kubeconfig()).contains("/tmp/kc");
    assertThat(config.kube().ingressClass()).isEqualTo("internal-alb");
    assertThat(config.kube().loadBalancerClass()).isEqualTo("example.com/nlb");
    assertThat(config.kube().watchNamespace()).contains("apps");
    assertThat(config.defaults().targetType()).isEqualTo(TargetType.IP);
    assertThat(config.defaults().scheme()).isEqualTo(LoadBalancerScheme.INTERNET_FACING);
    assertThat(config.defaults().sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    assertThat(config.defaults().tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("team", "platform", "cost-center", "42"));
    assertThat(config.leaderElection().enabled()).isFalse();
    assertThat(config.leaderElection().id()).isEqualTo("my-lease");
    assertThat(config.http().metrics()).contains(new BindAddress("127.0.0.1", 9090));
    assertThat(config.http().healthProbes()).isEmpty();
    assertThat(config.logLevel()).isEqualTo(ControllerConfig.LogLevel.DEBUG);
    assertThat(config.featureGates().enabled(FeatureGate.ALB_SINGLE_SUBNET)).isTrue();
    assertThat(config.featureGates().enabled(FeatureGate.ENABLE_IP_TARGET_TYPE)).isFalse();
  }

  @Test
  void acceptsBothSpellingsOfGatesWhoseDocsAndCodeDiffer() {
    ControllerConfig config =
        parse(
            "--cluster-name=c",
            "--aws-region=us-west-2",
            "--feature-gates=NLBHealthCheckAdvancedConfiguration=false,EnableTCPUDPListenerType=true");
    assertThat(config.featureGates().enabled(FeatureGate.NLB_HEALTH_CHECK_ADVANCED_CONFIG))
        .isFalse();
    assertThat(config.featureGates().enabled(FeatureGate.ENABLE_TCP_UDP_LISTENER)).isTrue();

    ControllerConfig codeSpelling =
        parse(
            "--cluster-name=c",
            "--aws-region=us-west-2",
            "--feature-gates=NLBHealthCheckAdvancedConfig=false,EnableTCPUDPListener=1");
    assertThat(codeSpelling.featureGates().enabled(FeatureGate.NLB_HEALTH_CHECK_ADVANCED_CONFIG))
        .isFalse();
    assertThat(codeSpelling.featureGates().enabled(FeatureGate.ENABLE_TCP_UDP_LISTENER)).isTrue();
  }

  @Test
  void leaderElectionFlagAloneMeansTrue() {
    assertThat(
            parse("--cluster-name=c", "--aws-region=r", "--enable-leader-election")
                .leaderElection()
                .enabled())
        .isTrue();
  }

  @Test
  void regionComesFromTheEnvironmentWhenTheFlagIsAbsent() {
    assertThat(parse(Map.of("AWS_REGION", "ap-south-1"), "--cluster-name=c").aws().region())
        .isEqualTo("ap-south-1");
    assertThat(parse(Map.of("AWS_DEFAULT_REGION", "sa-east-1"), "--cluster-name=c").aws().region())
        .isEqualTo("sa-east-1");
  }

  @Test
  void badValuesNameTheirFlag() {
    assertRejected("--cluster-name", "--aws-region=r");
    assertRejected("--aws-region", "--cluster-name=c");
    assertRejected(
        "--default-target-type", "--cluster-name=c", "--aws-region=r", "--default-target-type=pod");
    assertRejected(
        "--default-load-balancer-scheme",
        "--cluster-name=c",
        "--aws-region=r",
        "--default-load-balancer-scheme=public");
    assertRejected(
        "--aws-api-endpoints",
        "--cluster-name=c",
        "--aws-region=r",
        "--aws-api-endpoints=ELB=http://x");
    assertRejected(
        "--aws-api-endpoints",
        "--cluster-name=c",
        "--aws-region=r",
        "--aws-api-endpoints=EC2=not a url");
    assertRejected(
        "--aws-api-endpoints", "--cluster-name=c", "--aws-region=r", "--aws-api-endpoints=EC2");
    assertRejected("--aws-vpc-id", "--cluster-name=c", "--aws-region=r", "--aws-vpc-id=vpc_1");
    assertRejected(
        "--aws-max-retries", "--cluster-name=c", "--aws-region=r", "--aws-max-retries=ten");
    assertRejected(
        "--default-tags",
        "--cluster-name=c",
        "--aws-region=r",
        "--default-tags=elbv2.k8s.aws/cluster=x");
    assertRejected("--default-tags", "--cluster-name=c", "--aws-region=r", "--default-tags==x");
    assertRejected(
        "--enable-leader-election",
        "--cluster-name=c",
        "--aws-region=r",
        "--enable-leader-election=maybe");
    assertRejected(
        "--leader-election-id", "--cluster-name=c", "--aws-region=r", "--leader-election-id=");
    assertRejected(
        "--metrics-bind-addr", "--cluster-name=c", "--aws-region=r", "--metrics-bind-addr=8080");
    assertRejected(
        "--health-probe-bind-addr",
        "--cluster-name=c",
        "--aws-region=r",
        "--health-probe-bind-addr=:99999");
    assertRejected("--log-level", "--cluster-name=c", "--aws-region=r", "--log-level=trace");
    assertRejected(
        "--feature-gates", "--cluster-name=c", "--aws-region=r", "--feature-gates=NoSuchGate=true");
    assertRejected(
        "--feature-gates",
        "--cluster-name=c",
        "--aws-region=r",
        "--feature-gates=ALBSingleSubnet=yes");
  }

  @Test
  void requiredSecretsLabelIsAKeyValuePairOrNothing() {
    assertThat(parse("--cluster-name=c", "--aws-region=r").kube().requiredSecretsLabel()).isEmpty();
    assertThat(
            parse("--cluster-name=c", "--aws-region=r", "--required-secrets-label=lbc/oidc=yes")
                .kube()
                .requiredSecretsLabel())
        .contains(new ControllerConfig.SecretLabel("lbc/oidc", "yes"));
    assertRejected(
        "--required-secrets-label",
        "--cluster-name=c",
        "--aws-region=r",
        "--required-secrets-label=novalue");
  }

  private static void assertRejected(String flag, String... args) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'" + flag + "'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void reconcileConcurrencyBackoffAndThrottleFlags() {
    ControllerConfig config =
        parse(
            "--cluster-name=prod",
            "--aws-region=eu-west-1",
            "--ingress-max-concurrent-reconciles=5",
            "--service-max-concurrent-reconciles=2",
            "--targetgroupbinding-max-concurrent-reconciles=7",
            "--targetgroupbinding-max-exponential-backoff-delay=1m30s",
            "--aws-api-throttle=EC2:^Describe.*=10:20");

    assertThat(config.reconciling())
        .isEqualTo(
            new ControllerConfig.ReconcileSettings(5, 2, 7, java.time.Duration.ofSeconds(90)));
    assertThat(config.aws().throttle().rulesFor("EC2", "DescribeSubnets")).hasSize(1);
  }

  @Test
  void badReconcileAndThrottleFlagsAreRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "--cluster-name=a", "--aws-region=x", "--ingress-max-concurrent-reconciles=0"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--ingress-max-concurrent-reconciles");
    assertThatThrownBy(
            () ->
                parse(
                    "--cluster-name=a",
                    "--aws-region=x",
                    "--targetgroupbinding-max-exponential-backoff-delay=soon"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--targetgroupbinding-max-exponential-backoff-delay");
    assertThatThrownBy(() -> parse("--cluster-name=a", "--aws-region=x", "--aws-api-throttle=EC2"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--aws-api-throttle");
  }
}
