package io.lbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.rig.AwsTestClients;
import io.lbc.rig.JarCommand;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the jar, given a bad input, prints one plain line on stderr naming what is
 * wrong, nothing on stdout, no JSON log and no stack trace, and exits 2 (plan: 1, its 2 means
 * "changes"). The VPC that does not exist is looked up in moto.
 */
@RigTest
class CliErrorsIT {
  @Test
  void theControllerReportsUserErrorsInOneLine(Rig rig, AwsTestClients aws) throws Exception {
    List<String> common =
        List.of(
            "--cluster-name=c",
            "--aws-region=" + Rig.REGION,
            "--aws-api-endpoints=" + aws.endpointsFlag(),
            "--aws-max-retries=1",
            "--kubeconfig=" + rig.kubeconfig(),
            "--metrics-bind-addr=0",
            "--health-probe-bind-addr=0",
            "--webhook-bind-port=0");

    assertOneLineUsageError(run(common, "--aws-vpc-id=vpc-1", "--log-level=loud"), "--log-level");
    assertOneLineUsageError(run(common, "--aws-vpc-id=vpc-1", "--no-such-flag"), "--no-such-flag");
    assertOneLineUsageError(run(common), "--aws-vpc-id or --aws-vpc-tags is required");
    assertOneLineUsageError(
        run(common, "--aws-vpc-id=vpc-0123456789abcdef0"),
        "VPC vpc-0123456789abcdef0 does not exist");
  }

  @Test
  void planReportsUserErrorsInOneLine(AwsTestClients aws, @TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("good.yaml"), "");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "kind: Ingress\nmetadata: [a,\n");
    List<String> common =
        List.of(
            "plan",
            "--cluster-name=c",
            "--aws-region=" + Rig.REGION,
            "--aws-api-endpoints=" + aws.endpointsFlag(),
            "--aws-max-retries=1");
    String vpc = "--aws-vpc-id=vpc-0123456789abcdef0";

    assertOneLinePlanError(run(common, vpc, "-f", good + "", "--log-level=loud"), "--log-level");
    assertOneLinePlanError(run(common, vpc), "'--filename=<files>'");
    assertOneLinePlanError(run(common, "-f", good.toString()), "--aws-vpc-id or --aws-vpc-tags");
    assertOneLinePlanError(
        run(common, vpc, "-f", dir.resolve("missing.yaml").toString()),
        dir.resolve("missing.yaml") + ": no such file");
    assertOneLinePlanError(run(common, vpc, "-f", broken.toString()), broken + ":3:1: ");
    assertOneLinePlanError(
        run(common, vpc, "-f", good.toString()), "VPC vpc-0123456789abcdef0 does not exist");
  }

  private static JarCommand.Result run(List<String> common, String... more) throws Exception {
    var args = new ArrayList<>(common);
    args.addAll(List.of(more));
    return JarCommand.run(args);
  }

  /** {@code plan}'s exit code 2 means "changes", so its user errors exit 1 (as terraform's). */
  private static void assertOneLinePlanError(JarCommand.Result result, String expected) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertOneLine(result, expected);
  }

  private static void assertOneLineUsageError(JarCommand.Result result, String expected) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    assertOneLine(result, expected);
  }

  private static void assertOneLine(JarCommand.Result result, String expected) {
    assertThat(result.stderr().lines().toList())
        .as("stderr")
        .singleElement()
        .asString()
        .contains(expected)
        .doesNotStartWith("{")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(result.stdout()).as("stdout").isEmpty();
  }
}
