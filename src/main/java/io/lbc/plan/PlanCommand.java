package io.lbc.plan;

import io.lbc.aws.ec2.Vpc;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.ingress.TargetGroupArnLookup;
import io.lbc.ingress.TrustStoreLookup;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackJson;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import io.lbc.networking.VpcResolver;
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
 * {@code plan -f manifests.yaml}: prints, as canonical JSON on stdout, the stacks the controller
 * would deploy for the manifests (Ingresses, Services, IngressClasses, IngressClassParams), with
 * the members it would leave out and why, and of every Service it would serve. It reads AWS
 * (subnets, security groups, certificates, existing load balancers) but never writes, and never
 * talks to the cluster. Logs go to stderr.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Prints the load balancer stacks the controller would deploy for the given manifests,"
            + " reading AWS but changing nothing.")
public class PlanCommand implements Callable<Integer> {
  @Mixin ControllerFlags flags;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      description = "A manifest file (YAML or JSON, several documents allowed); repeatable.")
  List<Path> files = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    System.setOut(System.err); // the plan owns stdout; logs go to stderr
    ControllerConfig config = flags.toConfig(System.getenv());
    var manifests = new ArrayList<io.fabric8.kubernetes.api.model.HasMetadata>();
    files.forEach(file -> manifests.addAll(Manifests.read(file)));
    try (var aws = new PlanAws(config.aws(), DefaultCredentialsProvider.builder().build())) {
      out.print(StackJson.write(plan(planners(config, aws), new ManifestClusterView(manifests))));
      out.flush();
    }
    return 0;
  }

  /** Every planner's section: {@code {"ingressGroups": [...], ...}}. */
  public static Map<String, Object> plan(List<StackPlanner> planners, ManifestClusterView view) {
    var result = new LinkedHashMap<String, Object>();
    planners.forEach(p -> result.put(p.section(), p.plan(view)));
    return result;
  }

  private static List<StackPlanner> planners(ControllerConfig config, PlanAws aws) {
    Vpc vpc = VpcResolver.resolve(config.aws(), aws.ec2);
    var cluster = new ClusterContext(config.clusterName(), vpc.vpcId(), vpc.ipv4Cidrs(), config);
    var readers =
        new AlbStackBuilder.Readers(
            new SubnetResolver(aws.ec2, cluster),
            new SecurityGroupResolver(aws.ec2, vpc.vpcId()),
            new CertificateDiscovery(aws.acm, config.build().allowedCertificateAuthorityArns()),
            TargetGroupArnLookup.over(aws.elbv2),
            new TrustStoreLookup(aws.elbv2),
            aws.addOns);
    var finder =
        new StackResourceFinder(
            aws.elbv2, new ElbTagCache(aws.elbv2), config.clusterName(), vpc.vpcId());
    return List.of(
        new IngressPlanner(cluster, readers, finder::loadBalancer),
        new ServicePlanner(
            new ServiceSelector(config),
            new ServiceStackBuilder(cluster, readers.subnets(), readers.securityGroups(), aws.ec2),
            finder::loadBalancer));
  }
}
