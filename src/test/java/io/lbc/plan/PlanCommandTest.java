package io.lbc.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.ControllerCommand;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.golden.SnapshotEc2;
import io.lbc.golden.SnapshotElbv2;
import io.lbc.ingress.AlbStackGoldenTestAccess;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PlanCommandTest {
  @Test
  void planIsASubcommandAndNeedsAManifest() {
    var err = new StringWriter();
    var commandLine = new CommandLine(new ControllerCommand());
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute("plan", "--cluster-name=c", "--aws-region=us-west-2");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--filename");
    assertThat(commandLine.getSubcommands()).containsKey("plan");
  }

  @Test
  void printsEachIngressGroupWithItsCanonicalStackAndExcludedMembers() throws Exception {
    Path caseDir = GoldenFiles.root("ingress").resolve("group-member-isolation");
    AwsSnapshot aws = GoldenFiles.aws(caseDir);
    var view = new ManifestClusterView(Manifests.read(caseDir.resolve("input.yaml")));

    Map<String, Object> plan =
        PlanCommand.plan(List.of(AlbStackGoldenTestAccess.planner(caseDir, aws)), view);
    JsonNode json = new ObjectMapper().readTree(StackJson.write(plan));

    JsonNode group = json.get("ingressGroups").get(0);
    assertThat(group.get("group").asText()).isEqualTo("shop");
    assertThat(group.get("members"))
        .extracting(JsonNode::asText)
        .containsExactly("ns-1/a", "ns-1/d");
    assertThat(group.get("excluded"))
        .extracting(e -> e.get("ingress").asText())
        .containsExactlyInAnyOrder("ns-1/b", "ns-1/c", "ns-1/e");
    // the stack inside the plan is the golden file's canonical stack
    assertThat(group.get("stack"))
        .isEqualTo(new ObjectMapper().readTree(caseDir.resolve("expected-stack.json").toFile()));
  }

  @Test
  void manifestsTypeTheControllersOwnKinds() {
    Path caseDir = GoldenFiles.root("ingress").resolve("ingress-class-params");
    var objects = Manifests.read(caseDir.resolve("input.yaml"));

    assertThat(objects).anyMatch(o -> o instanceof io.lbc.k8s.IngressClassParams);
    assertThat(Manifests.typed(GoldenFiles.manifests(caseDir)))
        .anyMatch(o -> o instanceof io.lbc.k8s.IngressClassParams);
  }

  @Test
  void theAwsPortsOfPlanReadButRefuseEveryWrite() {
    AwsSnapshot aws = GoldenFiles.aws(GoldenFiles.root("ingress").resolve("vanilla-internal"));
    Ec2 ec2 = PlanAws.readOnly(Ec2.class, SnapshotEc2.of(aws));
    Elbv2 elbv2 = PlanAws.readOnly(Elbv2.class, SnapshotElbv2.of(aws));

    assertThat(ec2.describeSubnetsInVpc("vpc-dummy")).hasSize(4);
    assertThatThrownBy(() -> ec2.createSecurityGroup("vpc-dummy", "g", "d", Map.of()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("createSecurityGroup");
    assertThatThrownBy(() -> ec2.authorizeIngress("sg-1", List.of()))
        .hasMessageContaining("plan never writes");
    assertThat(elbv2.describeLoadBalancers()).isEmpty();
    assertThatThrownBy(() -> elbv2.deleteLoadBalancer("arn"))
        .hasMessageContaining("deleteLoadBalancer");
    assertThatThrownBy(() -> elbv2.registerTargets("arn", List.of()))
        .hasMessageContaining("registerTargets");
  }
}
