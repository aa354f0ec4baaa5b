package io.lbc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.ControllerCommand;
import io.lbc.golden.GoldenFiles;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code plan --offline} over Gateways: the ALB and the NLB Gateway of {@code
 * golden/plan/gateways/input.yaml} are planned as creates (the text is the golden {@code
 * expected-plan.txt}), the route ALB cannot serve is listed as left out (exit code 1, as for an
 * Ingress left out), the manifests/examples Gateway plans as creates (exit code 2), the Gateway of
 * another controller's class is not planned, and a gate turned off leaves its flavor out.
 */
class GatewayPlanTest {
  private static final Path CASE = GoldenFiles.root("plan").resolve("gateways");

  record Run(int exitCode, String out) {}

  static Run plan(String... extra) {
    var args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("-f", CASE.resolve("input.yaml").toString()));
    return run(args);
  }

  static Run run(List<String> extra) {
    var args = new ArrayList<>(List.of("plan", "--offline", "--cluster-name=plan-test"));
    args.add("--aws-region=us-west-2");
    args.addAll(extra);
    var out = new StringWriter();
    var commandLine = new picocli.CommandLine(new ControllerCommand());
    commandLine.setOut(new PrintWriter(out, true));
    PrintStream stdout = System.out;
    try {
      int status = commandLine.execute(args.toArray(String[]::new));
      return new Run(status, out.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void plansBothGatewayFlavorsAndExitsOneForTheRouteLeftOut() {
    Run run = plan();

    assertThat(run.exitCode()).as("a route left out is an error, as an Ingress left out").isOne();
    GoldenFiles.assertMatches(CASE, "expected-plan.txt", run.out());
    assertThat(run.out())
        .contains("ALB Gateway shop/web")
        .contains("NLB Gateway default/dns")
        .doesNotContain("shop/elsewhere")
        .contains("HTTPRoute shop/mirror left out")
        .contains("+ Rule k8s-shop-web-");
  }

  @Test
  void theGatewayExampleIsPlannedAsCreatesAndExitsTwo() {
    Path examples = io.lbc.rig.Rig.repoRoot().resolve("manifests/examples");
    Run run =
        run(
            List.of(
                "-f",
                examples.resolve("2048.yaml").toString(),
                "-f",
                examples.resolve("2048-gateway.yaml").toString()));

    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.out())
        .contains("ALB Gateway game-2048/gateway-2048")
        .contains("scheme: \"internet-facing\"")
        .contains("targetType: \"ip\"")
        .contains("+ Rule k8s-game2048-gateway2-")
        .doesNotContain(" ! ");
  }

  @Test
  void theStackOutputHasAGatewaysSection() throws Exception {
    Run run = plan("-o", "stack");

    assertThat(run.exitCode()).as(run.out()).isZero();
    JsonNode gateways = new ObjectMapper().readTree(run.out()).get("gateways");
    assertThat(gateways).hasSize(2);
    assertThat(gateways.get(0).get("leftOut").get(0).asText())
        .startsWith("HTTPRoute shop/mirror left out: IncompatibleFilters");
    assertThat(gateways.get(0).get("gateway").asText()).isEqualTo("shop/web");
    assertThat(gateways.get(0).get("type").asText()).isEqualTo("alb");
    assertThat(
            gateways
                .get(0)
                .get("stack")
                .get("resources")
                .get("AWS::ElasticLoadBalancingV2::ListenerRule")
                .size())
        .isOne();
    assertThat(gateways.get(1).get("gateway").asText()).isEqualTo("default/dns");
    assertThat(gateways.get(1).get("type").asText()).isEqualTo("nlb");
    assertThat(gateways.get(1).get("notices").get(0).asText()).contains("metadata.uid is not set");
    assertThat(
            gateways
                .get(1)
                .get("stack")
                .get("resources")
                .get("AWS::ElasticLoadBalancingV2::Listener")
                .fieldNames())
        .toIterable()
        .containsExactly("53");
  }

  @Test
  void aGateTurnedOffLeavesItsFlavorOut() throws Exception {
    Run run = plan("--feature-gates=NLBGatewayAPI=false", "-o", "stack");

    assertThat(run.exitCode()).as(run.out()).isZero();
    JsonNode gateways = new ObjectMapper().readTree(run.out()).get("gateways");
    assertThat(gateways).hasSize(1);
    assertThat(gateways.get(0).get("type").asText()).isEqualTo("alb");
  }
}
