package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.golden.SnapshotAcm;
import io.lbc.golden.SnapshotAddOns;
import io.lbc.golden.SnapshotEc2;
import io.lbc.golden.SnapshotElbv2;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackJson;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import io.lbc.plan.IngressPlanner;
import io.lbc.plan.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Golden ALB stacks: every folder under {@code src/test/resources/golden/ingress} is one case,
 * built the way {@code plan} builds it, with AWS read from the case's {@code aws.json}. Cases may
 * add controller flags in {@code flags.txt} (one per line). {@code expected-stack.json} is the
 * canonical stack; {@code expected-problems.json} lists excluded members and errors when there are
 * any. Rewrite with {@code -Dlbc.update=true}.
 */
class AlbStackGoldenTest {
  static final String CLUSTER = "cluster-dummy";

  static Stream<Path> cases() {
    return GoldenFiles.cases("ingress").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheExpectedStack(Path caseDir) throws IOException {
    AwsSnapshot aws = GoldenFiles.aws(caseDir);
    var view = new ManifestClusterView(Manifests.typed(GoldenFiles.manifests(caseDir)));
    List<IngressPlanner.GroupOutcome> outcomes = planner(caseDir, aws).build(view);

    assertThat(outcomes).as("a golden case holds exactly one IngressGroup").hasSize(1);
    IngressPlanner.GroupOutcome outcome = outcomes.get(0);
    String stack =
        outcome
            .result()
            .map(r -> StackJson.toJson(r.stack()))
            .orElse("no stack: the group failed\n");
    GoldenFiles.assertMatches(caseDir, "expected-stack.json", stack);

    Map<String, Object> problems = IngressPlanner.problems(outcome);
    Path problemsFile = caseDir.resolve("expected-problems.json");
    if (problems.isEmpty() && !Boolean.getBoolean("lbc.update")) {
      assertThat(problemsFile).as("the case built without problems").doesNotExist();
    } else if (problems.isEmpty()) {
      Files.deleteIfExists(problemsFile);
    } else {
      GoldenFiles.assertMatches(caseDir, "expected-problems.json", StackJson.write(problems));
    }
  }

  static IngressPlanner planner(Path caseDir, AwsSnapshot aws) {
    return planner(aws, flags(caseDir));
  }

  static IngressPlanner planner(AwsSnapshot aws, List<String> flags) {
    String vpcId = aws.vpc() == null ? "vpc-dummy" : aws.vpc().vpcId();
    ClusterContext cluster = cluster(config(flags), vpcId);
    var elbv2 = SnapshotElbv2.of(aws);
    var finder = new StackResourceFinder(elbv2, new ElbTagCache(elbv2), CLUSTER, vpcId);
    return new IngressPlanner(cluster, readers(aws, cluster), finder::loadBalancer);
  }

  static ClusterContext cluster(ControllerConfig config, String vpcId) {
    return new ClusterContext(CLUSTER, vpcId, List.of("192.168.0.0/16"), config);
  }

  static AlbStackBuilder.Readers readers(AwsSnapshot aws, ClusterContext cluster) {
    var ec2 = SnapshotEc2.of(aws);
    return new AlbStackBuilder.Readers(
        new SubnetResolver(ec2, cluster),
        new SecurityGroupResolver(ec2, cluster.vpcId()),
        new CertificateDiscovery(
            new SnapshotAcm(aws), cluster.config().build().allowedCertificateAuthorityArns()),
        TargetGroupArnLookup.over(SnapshotElbv2.of(aws)),
        new TrustStoreLookup(SnapshotElbv2.of(aws)),
        SnapshotAddOns.of(aws));
  }

  private static List<String> flags(Path caseDir) {
    Path file = caseDir.resolve("flags.txt");
    try {
      return Files.exists(file)
          ? Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ControllerConfig config(List<String> extra) {
    var holder = new Holder();
    var args = new ArrayList<>(List.of("--cluster-name=" + CLUSTER, "--aws-region=us-west-2"));
    args.addAll(extra);
    new CommandLine(holder).parseArgs(args.toArray(String[]::new));
    return holder.flags.toConfig(Map.of());
  }

  @CommandLine.Command
  static class Holder {
    @CommandLine.Mixin ControllerFlags flags;
  }
}
