package io.lbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag of compat-spec §4 (the reference controller's {@code pkg/config}, {@code
 * pkg/aws/cloud_config.go}, {@code pkg/inject/*}) is accepted, with a value of the reference's
 * syntax, and shown in a group of {@code --help}.
 */
class ReferenceFlagsTest {
  /** compat-spec §4, in its order, with a value of the reference's syntax for each. */
  static final Map<String, String> REFERENCE_FLAGS = referenceFlags();

  /** Added by the acm-targets branch; held here once it has landed. */

  /** Ours only, each for a reason the README gives. */
  static final Set<String> OURS_ONLY =
      Set.of("--enable-service-mutator-webhook", "--webhook-bind-host");

  private static Map<String, String> referenceFlags() {
    var flags = new LinkedHashMap<String, String>();
    flags.put("--cluster-name", "prod");
    flags.put("--ingress-class", "alb");
    flags.put("--load-balancer-class", "service.k8s.aws/nlb");
    flags.put("--aws-region", "eu-west-1");
    flags.put("--aws-vpc-id", "vpc-0123456789abcdef0");
    flags.put("--aws-vpc-tags", "env=prod,team=web");
    flags.put("--aws-vpc-tag-key", "Name");
    flags.put("--aws-api-endpoints", "EC2=http://127.0.0.1:5000");
    flags.put("--aws-api-throttle", "Elastic Load Balancing v2:^Describe.*=10:20");
    flags.put("--aws-max-retries", "10");
    flags.put("--aws-vpc-cache-ttl", "10m");
    flags.put("--default-tags", "team=web");
    flags.put("--external-managed-tags", "cost-center");
    flags.put("--default-target-type", "ip");
    flags.put("--default-load-balancer-scheme", "internet-facing");
    flags.put("--default-ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
    flags.put(
        "--default-pca-arn",
        "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123-4567");
    flags.put(
        "--allowed-certificate-authority-arns",
        "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0123-4567");
    flags.put("--enable-backend-security-group", "true");
    flags.put("--backend-security-group", "sg-0123456789abcdef0");
    flags.put("--enable-manage-backend-security-group-rules", "true");
    flags.put("--disable-restricted-sg-rules", "false");
    flags.put("--service-target-eni-security-group-tags", "role=pods");
    flags.put("--enable-endpoint-slices", "true");
    flags.put("--enable-pod-readiness-gate-inject", "true");
    flags.put("--quic-environment-variable-name", "QUIC_ID");
    flags.put("--enable-waf", "false");
    flags.put("--enable-wafv2", "true");
    flags.put("--enable-shield", "false");
    flags.put("--disable-ingress-class-annotation", "true");
    flags.put("--disable-ingress-group-name-annotation", "true");
    flags.put("--tolerate-non-existent-backend-service", "false");
    flags.put("--tolerate-non-existent-backend-action", "false");
    flags.put("--ingress-max-concurrent-reconciles", "4");
    flags.put("--service-max-concurrent-reconciles", "5");
    flags.put("--targetgroupbinding-max-concurrent-reconciles", "6");
    flags.put("--targetgroupbinding-max-exponential-backoff-delay", "5m");
    flags.put("--targetgroupbinding-requeue-duration", "20s");
    flags.put("--max-targets-per-target-group", "100");
    flags.put("--alb-gateway-max-concurrent-reconciles", "7");
    flags.put("--nlb-gateway-max-concurrent-reconciles", "8");
    flags.put("--gateway-class-max-concurrent-reconciles", "9");
    flags.put("--globalaccelerator-max-concurrent-reconciles", "2");
    flags.put("--globalaccelerator-max-exponential-backoff-delay", "1m");
    flags.put("--lb-stabilization-monitor-interval", "30s");
    flags.put("--required-secrets-label", "lbc=readable");
    flags.put("--log-level", "debug");
    flags.put("--kubeconfig", "/tmp/kubeconfig");
    flags.put("--metrics-bind-addr", ":8080");
    flags.put("--health-probe-bind-addr", ":61779");
    flags.put("--webhook-bind-port", "9443");
    flags.put("--webhook-cert-dir", "/tmp/certs");
    flags.put("--webhook-cert-file", "tls.crt");
    flags.put("--webhook-key-file", "tls.key");
    flags.put("--kube-ca-pem-filepath", "");
    flags.put("--enable-leader-election", "true");
    flags.put("--leader-election-id", "aws-load-balancer-controller-leader");
    flags.put("--leader-election-namespace", "kube-system");
    flags.put("--watch-namespace", "apps");
    flags.put("--sync-period", "1h");
    flags.put("--enable-acm-certificates", "true");
    flags.put("--feature-gates", "ListenerRulesTagging=false,EnableRGTAPI=true");
    return flags;
  }

  @Command
  static class Holder {
    @Mixin ControllerFlags flags;
  }

  private static Set<String> ourFlags() {
    var names = new TreeSet<String>();
    for (OptionSpec option : new CommandLine(new Holder()).getCommandSpec().options()) {
      names.add(option.longestName());
    }
    return names;
  }

  @Test
  void everyFlagOfTheReferenceIsAnOptionOfOurs() {
    var missing = new TreeSet<>(REFERENCE_FLAGS.keySet());
    missing.removeAll(ourFlags());
    assertThat(missing).as("flags of compat-spec §4 we do not accept").isEmpty();
    assertThat(REFERENCE_FLAGS).hasSize(62);
  }

  @Test
  void everyFlagOfOursIsTheReferencesOrNamedAsOursOnly() {
    var extra = new TreeSet<>(ourFlags());
    extra.removeAll(REFERENCE_FLAGS.keySet());
    extra.removeAll(OURS_ONLY);
    assertThat(extra).isEmpty();
  }

  @Test
  void allOfThemTogetherParseIntoAValidConfig() {
    var args = new ArrayList<String>();
    Set<String> ours = ourFlags();
    REFERENCE_FLAGS.forEach(
        (flag, value) -> {
          if (ours.contains(flag) && !value.isEmpty()) {
            args.add(flag + "=" + value);
          }
        });
    var holder = new Holder();
    new CommandLine(holder).parseArgs(args.toArray(String[]::new));
    ControllerConfig config = holder.flags.toConfig(Map.of());

    assertThat(config.reconciling().syncPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(config.reconciling().bindingRequeue()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.reconciling().lbStabilizationInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.reconciling().albGatewayWorkers()).isEqualTo(7);
    assertThat(config.reconciling().nlbGatewayWorkers()).isEqualTo(8);
    assertThat(config.reconciling().gatewayClassWorkers()).isEqualTo(9);
    assertThat(config.reconciling().globalAcceleratorWorkers()).isEqualTo(2);
    assertThat(config.reconciling().globalAcceleratorMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.targets().eniSecurityGroupTags()).isEqualTo(Map.of("role", "pods"));
    assertThat(config.targets().endpointSlices()).isTrue();
    assertThat(config.targets().quicServerIdVariable()).isEqualTo("QUIC_ID");
    assertThat(config.aws().discovery().vpcNameTagKey()).isEqualTo("Name");
    assertThat(config.featureGates().enabled(FeatureGate.LISTENER_RULES_TAGGING)).isFalse();
    assertThat(config.featureGates().enabled(FeatureGate.ENABLE_RGT_API)).isTrue();
  }

  @Test
  void theReferencesDefaultsForTheNewFlags() {
    var holder = new Holder();
    new CommandLine(holder).parseArgs("--cluster-name=c", "--aws-region=r");
    ControllerConfig config = holder.flags.toConfig(Map.of());
    assertThat(config.reconciling().syncPeriod()).isEqualTo(Duration.ofHours(10));
    assertThat(config.reconciling().bindingRequeue()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.reconciling().lbStabilizationInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.reconciling().globalAcceleratorWorkers()).isEqualTo(1);
    assertThat(config.reconciling().globalAcceleratorMaxBackoff())
        .isEqualTo(Duration.ofSeconds(1000));
    assertThat(config.targets()).isEqualTo(ControllerConfig.TargetSettings.defaults());
    assertThat(config.webhooks().clientCaFile()).isEmpty();
  }

  @Test
  void badDurationsAndMissingCaFilesNameTheirFlag() {
    for (String flag :
        List.of(
            "--sync-period=often",
            "--targetgroupbinding-requeue-duration=0s",
            "--lb-stabilization-monitor-interval=-1m",
            "--kube-ca-pem-filepath=/nonexistent/ca.pem",
            "--alb-gateway-max-concurrent-reconciles=0")) {
      var holder = new Holder();
      new CommandLine(holder).parseArgs("--cluster-name=c", "--aws-region=r", flag);
      assertThatThrownBy(() -> holder.flags.toConfig(Map.of()))
          .hasMessageContaining(flag.substring(0, flag.indexOf('=')));
    }
  }

  @Test
  void everyFlagIsInAGroupOfTheHelp() {
    var ungrouped = new TreeSet<>(ourFlags());
    HelpLayout.GROUPS.values().forEach(ungrouped::removeAll);
    assertThat(ungrouped).isEmpty();
  }
}
