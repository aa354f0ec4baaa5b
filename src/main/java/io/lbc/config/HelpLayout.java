package io.lbc.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help} for people: a one-line synopsis and the options grouped by what they are about,
 * instead of picocli's synopsis listing all fifty flags. A flag not named here still shows, under
 * "Other options", so a new flag is never hidden.
 */
public final class HelpLayout {
  /** Group heading → the flags under it, in the order shown. */
  static final Map<String, List<String>> GROUPS = groups();

  private HelpLayout() {}

  private static Map<String, List<String>> groups() {
    var groups = new LinkedHashMap<String, List<String>>();
    groups.put(
        "Cluster and AWS",
        List.of(
            "--cluster-name",
            "--aws-region",
            "--aws-vpc-id",
            "--aws-vpc-tags",
            "--aws-vpc-tag-key",
            "--aws-vpc-cache-ttl",
            "--aws-api-endpoints",
            "--aws-max-retries",
            "--kubeconfig",
            "--watch-namespace",
            "--required-secrets-label"));
    groups.put(
        "What is served",
        List.of(
            "--ingress-class",
            "--load-balancer-class",
            "--disable-ingress-class-annotation",
            "--disable-ingress-group-name-annotation",
            "--feature-gates"));
    groups.put(
        "Load balancer defaults",
        List.of(
            "--default-target-type",
            "--default-load-balancer-scheme",
            "--default-ssl-policy",
            "--default-tags",
            "--external-managed-tags",
            "--allowed-certificate-authority-arns",
            "--default-pca-arn",
            "--tolerate-non-existent-backend-service",
            "--tolerate-non-existent-backend-action"));
    groups.put(
        "Security groups",
        List.of(
            "--enable-backend-security-group",
            "--backend-security-group",
            "--enable-manage-backend-security-group-rules",
            "--disable-restricted-sg-rules",
            "--service-target-eni-security-group-tags"));
    groups.put(
        "Targets",
        List.of(
            "--enable-endpoint-slices",
            "--targetgroupbinding-requeue-duration",
            "--quic-environment-variable-name",
            "--enable-acm-certificates"));
    groups.put("Add-ons", List.of("--enable-wafv2", "--enable-waf", "--enable-shield"));
    groups.put(
        "Webhooks",
        List.of(
            "--webhook-bind-port",
            "--webhook-bind-host",
            "--webhook-cert-dir",
            "--webhook-cert-file",
            "--webhook-key-file",
            "--kube-ca-pem-filepath",
            "--enable-pod-readiness-gate-inject",
            "--enable-service-mutator-webhook"));
    groups.put(
        "AWS API budget and retries",
        List.of(
            "--aws-api-throttle",
            "--ingress-max-concurrent-reconciles",
            "--service-max-concurrent-reconciles",
            "--targetgroupbinding-max-concurrent-reconciles",
            "--targetgroupbinding-max-exponential-backoff-delay",
            "--max-targets-per-target-group",
            "--alb-gateway-max-concurrent-reconciles",
            "--nlb-gateway-max-concurrent-reconciles",
            "--gateway-class-max-concurrent-reconciles",
            "--globalaccelerator-max-concurrent-reconciles",
            "--globalaccelerator-max-exponential-backoff-delay",
            "--lb-stabilization-monitor-interval",
            "--sync-period"));
    groups.put(
        "Operation",
        List.of(
            "--enable-leader-election",
            "--leader-election-id",
            "--leader-election-namespace",
            "--metrics-bind-addr",
            "--health-probe-bind-addr",
            "--log-level"));
    return groups;
  }

  /** Replaces the option list of {@code commandLine} and its subcommands by the grouped one. */
  public static void apply(CommandLine commandLine) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::groupedOptions);
    sections.put(
        UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
        help -> help.commandSpec().subcommands().isEmpty() ? "" : "\nCommands:\n");
    commandLine.getSubcommands().values().forEach(HelpLayout::apply);
  }

  static String groupedOptions(Help help) {
    var remaining = new ArrayList<OptionSpec>(help.commandSpec().options());
    remaining.removeIf(OptionSpec::hidden);
    var text = new StringBuilder();
    var commandOwn = new ArrayList<OptionSpec>();
    for (OptionSpec option : remaining) {
      if (GROUPS.values().stream().noneMatch(flags -> flags.contains(option.longestName()))
          && !isStandard(option)) {
        commandOwn.add(option);
      }
    }
    remaining.removeAll(commandOwn);
    section(text, help, "Options", commandOwn);
    for (var group : GROUPS.entrySet()) {
      var options = new ArrayList<OptionSpec>();
      for (String flag : group.getValue()) {
        remaining.stream()
            .filter(o -> o.longestName().equals(flag))
            .findFirst()
            .ifPresent(options::add);
      }
      remaining.removeAll(options);
      section(text, help, group.getKey(), options);
    }
    section(text, help, "Help", remaining);
    return text.toString();
  }

  private static boolean isStandard(OptionSpec option) {
    return option.usageHelp() || option.versionHelp();
  }

  private static void section(
      StringBuilder text, Help help, String heading, List<OptionSpec> options) {
    if (options.isEmpty()) {
      return;
    }
    Help.Layout layout = help.createDefaultLayout();
    options.forEach(o -> layout.addOption(o, new ValueLabel(help)));
    text.append('\n').append(heading).append(":\n").append(layout);
  }

  /** {@code =VALUE}, or {@code [=true|false]} for a flag that may stand alone. */
  private record ValueLabel(Help help) implements Help.IParamLabelRenderer {
    @Override
    public Help.Ansi.Text renderParameterLabel(
        picocli.CommandLine.Model.ArgSpec arg, Help.Ansi ansi, List<Help.Ansi.IStyle> styles) {
      if (arg.arity().max() == 0) {
        return ansi.text("");
      }
      return ansi.text(arg.arity().min() == 0 ? "[=true|false]" : "=VALUE");
    }

    @Override
    public String separator() {
      return "=";
    }
  }
}
