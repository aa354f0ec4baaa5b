package io.lbc.gc;

import io.lbc.ControllerRuntime;
import io.lbc.aws.AwsClients;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.addons.AddOnManagers;
import io.lbc.k8s.KubeClients;
import io.lbc.networking.VpcResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code gc}: lists the AWS resources of this cluster whose Ingress group or Service is gone, one
 * per line ({@code <kind> <stack> <type> <id>}); with {@code --dry-run=false} deletes them too.
 */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description =
        "Lists (and with --dry-run=false deletes) AWS resources of this cluster whose owner is"
            + " gone.")
public class GcCommand implements Callable<Integer> {
  @Mixin ControllerFlags flags;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dry-run",
      arity = "0..1",
      fallbackValue = "true",
      converter = ControllerFlags.BoolConverter.class,
      description = "Only list the orphans (default true).")
  boolean dryRun = true;

  @Option(
      names = "--wait-seconds",
      description = "How long to wait per stack for its TargetGroupBindings to be released.")
  long waitSeconds = 120;

  private final AwsCredentialsProvider credentials;

  public GcCommand() {
    this(DefaultCredentialsProvider.builder().build());
  }

  /** With the given AWS credentials (tests). */
  public GcCommand(AwsCredentialsProvider credentials) {
    this.credentials = credentials;
  }

  @Override
  public Integer call() {
    ControllerConfig config = flags.toConfig(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    try (var aws = new AwsClients(config.aws(), credentials, new SimpleMeterRegistry());
        var kube = KubeClients.create(config.kube())) {
      var elbv2 = new SdkElbv2(aws.elbv2());
      var ec2 = new SdkEc2(aws.ec2());
      var vpc = VpcResolver.resolve(config.aws(), ec2);
      var deployer =
          ControllerRuntime.stackDeployer(
              config,
              elbv2,
              ec2,
              kube,
              vpc,
              new ElbTagCache(elbv2),
              // deleting a load balancer drops its add-on associations with it
              AddOnManagers.disabled());
      var report =
          new OrphanCollector(elbv2, ec2, kube, deployer, config.clusterName(), vpc.vpcId())
              .collect(dryRun, Duration.ofSeconds(waitSeconds));
      out.print(report.render());
      out.printf(
          "%s %d orphaned resources of %d stacks%n",
          dryRun ? "found" : "deleted", report.orphans().size(), report.byStack().size());
      report
          .unfinished()
          .forEach(
              stack ->
                  out.printf(
                      "not finished: %s %s (its TargetGroupBindings are not released yet; is the"
                          + " controller running?)%n",
                      stack.kind().name().toLowerCase(java.util.Locale.ROOT), stack.value()));
      out.flush();
      return report.unfinished().isEmpty() ? 0 : 1;
    }
  }
}
