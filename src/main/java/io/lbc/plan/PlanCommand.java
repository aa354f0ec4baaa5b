package io.lbc.plan;

import io.lbc.DetailedExitCodes;
import io.lbc.aws.acm.Acm;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.gateway.AlbGatewayBuilder;
import io.lbc.gateway.l4.NlbGatewayStackBuilder;
import io.lbc.ingress.AddOnLookups;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.ingress.TargetGroupArnLookup;
import io.lbc.ingress.TrustStoreLookup;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackJson;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import io.lbc.networking.VpcResolver;
import io.lbc.plan.StackPlanner.PlannedStack;
import io.lbc.plan.diff.DiffReport;
import io.lbc.plan.diff.StackDiff;
import io.lbc.plan.diff.StackDryRun;
import io.lbc.service.ServiceSelector;
import io.lbc.service.ServiceStackBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code plan -f manifests.yaml}: what deploying the manifests (Ingresses, Services,
 * IngressClasses, IngressClassParams, Gateways with their GatewayClasses, routes and configuration
 * CRDs) would change in AWS, found by running the controller's own deployer with every write
 * written down instead of sent: {@code + create}, {@code ~ modify} (field: old → new), {@code -
 * delete}, {@code = unchanged} per stack. {@code -o json} prints the same for machines, {@code -o
 * stack} the whole desired stacks. Exit codes as {@code terraform plan -detailed-exitcode}: 0 no
 * changes, 2 changes, 1 an error (a bad flag or manifest included). It reads AWS but never writes,
 * and never talks to the cluster; {@code --offline} reads nothing either and assumes the VPC {@link
 * OfflineAws} describes. Logs go to stderr.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    customSynopsis = "aws-load-balancer-controller plan -f FILE --cluster-name=NAME [OPTIONS]",
    description =
        "Shows what deploying the given manifests would change in AWS, reading AWS but changing"
            + " nothing. Exit code 0: no changes, 2: changes, 1: error.")
public class PlanCommand implements Callable<Integer>, DetailedExitCodes {
  /** What {@code plan} prints. */
  public enum Output {
    text,
    json,
    stack
  }

  @Mixin ControllerFlags flags;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      description = "A manifest file (YAML or JSON, several documents allowed); repeatable.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description =
          "text (default): the changes, for people; json: the changes, for machines; stack: the"
              + " whole desired stacks as JSON.")
  Output output;

  @Option(
      names = "--offline",
      description =
          "Plan without any AWS access: assume a VPC with three zones, a public and a private"
              + " subnet in each, and nothing deployed yet (see the README).")
  boolean offline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    System.setOut(System.err); // the plan owns stdout; logs go to stderr
    ControllerConfig config = flags.toConfig(System.getenv());
    var manifests = new ArrayList<io.fabric8.kubernetes.api.model.HasMetadata>();
    files.forEach(file -> manifests.addAll(Manifests.read(file)));
    var view = new ManifestClusterView(manifests);
    if (offline) {
      var aws = new OfflineAws(config.aws().region(), config.aws().vpcId());
      return print(out, config, new Ports(aws.vpc, aws.ec2, aws.elbv2, aws.acm, aws.addOns), view);
    }
    try (var aws = new PlanAws(config.aws(), DefaultCredentialsProvider.builder().build())) {
      Vpc vpc = VpcResolver.resolve(config.aws(), aws.ec2);
      return print(out, config, new Ports(vpc, aws.ec2, aws.elbv2, aws.acm, aws.addOns), view);
    }
  }

  /** The read-only AWS a plan works with, online or offline. */
  record Ports(Vpc vpc, Ec2 ec2, Elbv2 elbv2, Acm acm, AddOnLookups addOns) {}

  private int print(PrintWriter out, ControllerConfig config, Ports aws, ManifestClusterView view) {
    List<StackPlanner> planners = planners(config, aws);
    if (output == Output.stack) {
      out.print(StackJson.write(plan(planners, view)));
      out.flush();
      return 0;
    }
    var dryRun =
        new StackDryRun(
            aws.elbv2(),
            aws.ec2(),
            config.clusterName(),
            aws.vpc().vpcId(),
            config.build().externalManagedTags(),
            config.build().backendSecurityGroup());
    var report = new DiffReport(diffs(planners, view, dryRun));
    out.print(output == Output.json ? report.json() : report.text());
    out.flush();
    return report.exitCode();
  }

  static List<StackDiff> diffs(
      List<StackPlanner> planners, ManifestClusterView view, StackDryRun dryRun) {
    var diffs = new ArrayList<StackDiff>();
    for (StackPlanner planner : planners) {
      for (PlannedStack planned : planner.stacks(view)) {
        StackDiff diff =
            planned
                .stack()
                .map(stack -> dryRun.diff(planned.kind(), planned.name(), stack))
                .orElseGet(
                    () ->
                        StackDiff.failed(
                            planned.kind(),
                            planned.name(),
                            planned.error().orElse("not deployed"),
                            List.of()));
        diffs.add(diff.with(planned.leftOut(), planned.notices()));
      }
    }
    return diffs;
  }

  /** Every planner's section: {@code {"ingressGroups": [...], ...}}. */
  public static Map<String, Object> plan(List<StackPlanner> planners, ManifestClusterView view) {
    var result = new LinkedHashMap<String, Object>();
    planners.forEach(p -> result.put(p.section(), p.plan(view)));
    return result;
  }

  private static List<StackPlanner> planners(ControllerConfig config, Ports aws) {
    Vpc vpc = aws.vpc();
    var cluster = new ClusterContext(config.clusterName(), vpc.vpcId(), vpc.ipv4Cidrs(), config);
    var readers =
        new AlbStackBuilder.Readers(
            new SubnetResolver(aws.ec2(), cluster),
            new SecurityGroupResolver(aws.ec2(), vpc.vpcId()),
            new CertificateDiscovery(aws.acm(), config.build().allowedCertificateAuthorityArns()),
            TargetGroupArnLookup.over(aws.elbv2()),
            new TrustStoreLookup(aws.elbv2()),
            aws.addOns());
    var finder =
        new StackResourceFinder(
            aws.elbv2(), new ElbTagCache(aws.elbv2()), config.clusterName(), vpc.vpcId());
    return List.of(
        new IngressPlanner(cluster, readers, finder::loadBalancer),
        new ServicePlanner(
            new ServiceSelector(config),
            new ServiceStackBuilder(
                cluster, readers.subnets(), readers.securityGroups(), aws.ec2()),
            finder::loadBalancer),
        new GatewayPlanner(
            config.featureGates(),
            new AlbGatewayBuilder(
                cluster,
                new AlbGatewayBuilder.Readers(
                    readers.subnets(),
                    readers.securityGroups(),
                    readers.certificates(),
                    readers.addOns())),
            new NlbGatewayStackBuilder(
                cluster,
                new AlbGatewayBuilder.Readers(
                    readers.subnets(),
                    readers.securityGroups(),
                    readers.certificates(),
                    readers.addOns())),
            finder::loadBalancer));
  }
}
