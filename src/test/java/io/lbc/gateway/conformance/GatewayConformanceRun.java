package io.lbc.gateway.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.lbc.gateway.conformance.StatusOnlyTests.Pass;
import io.lbc.gateway.conformance.StatusOnlyTests.StatusOnlyTest;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.GatewayApiCrds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the upstream Gateway API conformance suite (rig/gateway-conformance, v1.6.0, the version the
 * reference controller pins) against the rig's apiserver while our controller runs, and writes a
 * report: which status-only tests (gateway-spec §6) ran, passed, failed or were skipped, and which
 * tests need traffic and so cannot run here.
 *
 * <p>Two passes of the same binary: the ALB GatewayClass for Gateway, HTTPRoute and ListenerSet
 * tests, the NLB GatewayClass for TCPRoute, UDPRoute and TLSRoute tests (an NLB can never accept
 * the base manifests' HTTP Gateways, so that pass excludes them from the suite's readiness check).
 * Kwok nodes make the suite's echo Deployments Ready.
 *
 * <p>Not part of {@code make test} (it takes minutes); run it with {@code make
 * gateway-conformance}. The report goes to {@code target/gateway-conformance/report.md}. The run
 * asserts that the runner worked (every selected test has a result), not that the tests pass: the
 * report says which do.
 */
@RigTest
class GatewayConformanceRun {
  static final Map<Pass, String> CLASS_NAMES = Map.of(Pass.ALB, "lbc-alb", Pass.NLB, "lbc-nlb");
  static final Map<Pass, String> CONTROLLERS =
      Map.of(Pass.ALB, "gateway.k8s.aws/alb", Pass.NLB, "gateway.k8s.aws/nlb");
  static final ResourceDefinitionContext GATEWAY_CLASS =
      new ResourceDefinitionContext.Builder()
          .withGroup("gateway.networking.k8s.io")
          .withVersion("v1")
          .withKind("GatewayClass")
          .withPlural("gatewayclasses")
          .withNamespaced(false)
          .build();

  /** How long the suite waits for status: the rig converges in seconds, not in LB minutes. */
  static final String TIMEOUTS =
      "GWCMustBeAccepted:60;NamespacesMustBeReady:180;GatewayMustHaveCondition:60;"
          + "GatewayMustHaveAddress:60;LatestObservedGenerationSet:30;"
          + "ListenerSetMustHaveCondition:60;RouteMustHaveParents:30";

  private static final Pattern RESULT =
      Pattern.compile("^\\s*--- (PASS|FAIL|SKIP): TestConformance/([A-Za-z0-9]+) \\(([0-9.]+)s\\)");

  record Outcome(String result, String seconds) {}

  @Test
  void runsTheStatusOnlyConformanceTests(KubernetesClient kube, AwsTestClients aws, Rig rig)
      throws Exception {
    Path binary = build();
    Crds.apply(kube);
    GatewayApiCrds.apply(rig, kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    Path out = Rig.repoRoot().resolve("target/gateway-conformance");
    Files.createDirectories(out);
    var results = new EnumMap<Pass, Map<String, Outcome>>(Pass.class);
    var setup = new EnumMap<Pass, String>(Pass.class);
    var durations = new EnumMap<Pass, Duration>(Pass.class);
    try (var nodes = new KwokNodes(kube, aws.ec2());
        var controller =
            InProcessController.start(rig, aws, vpc.vpcId(), null, "--default-target-type=ip")) {
      nodes.add("conformance-a", vpc.privateSubnetIds().get(0));
      nodes.add("conformance-b", vpc.privateSubnetIds().get(1));
      for (Pass pass : passes()) {
        createGatewayClass(kube, pass);
        Instant start = Instant.now();
        Path log = out.resolve(pass.name().toLowerCase() + ".log");
        run(binary, rig, pass, log);
        durations.put(pass, Duration.between(start, Instant.now()));
        results.put(pass, parse(log));
        setup.put(pass, setupFailure(log));
        awaitBaseNamespacesGone(kube);
      }
    }
    String report = report(results, durations) + setupFailures(setup);
    Files.writeString(out.resolve("report.md"), report);
    System.out.println(report);
    for (Pass pass : passes()) {
      assertThat(results.get(pass).keySet())
          .as(
              "every selected test of the %s pass has a result (else the suite's setup failed: see"
                  + " target/gateway-conformance/%s.log)",
              pass, pass.name().toLowerCase())
          .containsAll(StatusOnlyTests.claimed(pass).stream().map(StatusOnlyTest::name).toList());
    }
  }

  /**
   * The suite deletes its base namespaces when a pass ends; the next pass's setup fails ("being
   * terminated") if it starts before they are gone.
   */
  private static void awaitBaseNamespacesGone(KubernetesClient kube) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                kube.namespaces().list().getItems().stream()
                    .noneMatch(n -> n.getMetadata().getName().startsWith("gateway-conformance-")));
  }

  /** The passes to run: all, or those named in {@code -Dlbc.conformance.passes=ALB,NLB}. */
  static List<Pass> passes() {
    String selected = System.getProperty("lbc.conformance.passes", "");
    if (selected.isBlank()) {
      return List.of(Pass.values());
    }
    return java.util.Arrays.stream(selected.split(","))
        .map(String::trim)
        .map(name -> Pass.valueOf(name.toUpperCase(java.util.Locale.ROOT)))
        .toList();
  }

  private static Path build() throws IOException, InterruptedException {
    Path script = Rig.repoRoot().resolve("rig/gateway-conformance/build");
    Process process =
        new ProcessBuilder(script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String path = new String(process.getInputStream().readAllBytes()).trim();
    assertThat(process.waitFor(30, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("rig/gateway-conformance/build").isZero();
    return Path.of(path);
  }

  private static void createGatewayClass(KubernetesClient kube, Pass pass) {
    GenericKubernetesResource gatewayClass =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("GatewayClass")
            .withNewMetadata()
            .withName(CLASS_NAMES.get(pass))
            .endMetadata()
            .withAdditionalProperties(
                Map.of("spec", Map.of("controllerName", CONTROLLERS.get(pass))))
            .build();
    kube.genericKubernetesResources(GATEWAY_CLASS).resource(gatewayClass).createOr(r -> r.update());
  }

  private static void run(Path binary, Rig rig, Pass pass, Path log)
      throws IOException, InterruptedException {
    List<String> only = StatusOnlyTests.claimed(pass).stream().map(StatusOnlyTest::name).toList();
    var command = new ArrayList<>(List.of(binary.toString(), "-test.run", "^TestConformance$"));
    command.addAll(
        List.of(
            "-test.v",
            "-test.timeout",
            "60m",
            "-gateway-class=" + CLASS_NAMES.get(pass),
            "-supported-features=" + StatusOnlyTests.features(pass),
            "-lbc-only=" + String.join(",", only),
            "-allow-crds-mismatch",
            "-cleanup-base-resources=true",
            "-timeout-config-overrides=" + TIMEOUTS));
    if (pass == Pass.NLB) {
      command.add("-lbc-l4-base");
    }
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", rig.kubeconfig().toString());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
  }

  static Map<String, Outcome> parse(Path log) throws IOException {
    var results = new LinkedHashMap<String, Outcome>();
    for (String line : Files.readAllLines(log)) {
      Matcher m = RESULT.matcher(line);
      if (m.find()) {
        results.put(m.group(2), new Outcome(m.group(1), m.group(3)));
      }
    }
    return results;
  }

  /** The suite's message when its setup failed (no test then runs), or null. */
  static String setupFailure(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    if (lines.stream().anyMatch(l -> RESULT.matcher(l).find())) {
      return null;
    }
    return lines.stream()
        .filter(l -> l.contains("Messages:") || l.contains("Error:"))
        .map(String::trim)
        .findFirst()
        .orElse("no test result in the log");
  }

  static String setupFailures(Map<Pass, String> setup) {
    var text = new StringBuilder();
    setup.forEach(
        (pass, failure) -> {
          if (failure != null) {
            text.append("\nThe ")
                .append(pass)
                .append(" pass ran no test: the suite's setup failed: ")
                .append(failure)
                .append("\n");
          }
        });
    return text.toString();
  }

  /** The line of the counts a result falls in: skip reasons are long, the table gives them. */
  private static String countedAs(StatusOnlyTest test, String result) {
    if (test.claimed() && test.notRun() != null) {
      return StatusOnlyTests.NEEDS_TRAFFIC.equals(test.notRun())
          ? "needs traffic"
          : "skipped (reason in the table)";
    }
    return result;
  }

  static String report(Map<Pass, Map<String, Outcome>> results, Map<Pass, Duration> durations) {
    var text = new StringBuilder("# Gateway API conformance v1.6.0: status-only tests\n\n");
    text.append("| test | class | reference | result | seconds |\n|---|---|---|---|---|\n");
    var counts = new LinkedHashMap<String, Integer>();
    for (StatusOnlyTest test : StatusOnlyTests.ALL) {
      String result;
      String seconds = "";
      if (!test.claimed()) {
        result = "not claimed (feature outside our claim)";
      } else if (test.notRun() != null) {
        result = test.notRun();
      } else {
        Outcome outcome = results.getOrDefault(test.pass(), Map.of()).get(test.name());
        result = outcome == null ? "NOT RUN" : outcome.result();
        seconds = outcome == null ? "" : outcome.seconds();
      }
      counts.merge(countedAs(test, result), 1, Integer::sum);
      text.append(
          String.format(
              "| %s | %s | %s | %s | %s |%n",
              test.name(), CLASS_NAMES.get(test.pass()), test.reference(), result, seconds));
    }
    text.append("\nCounts: ")
        .append(
            counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append("\n\nDurations: ")
        .append(
            durations.entrySet().stream()
                .map(e -> e.getKey() + " pass " + e.getValue().toSeconds() + " s")
                .collect(Collectors.joining(", ")))
        .append(
            "\n\nThe other 82 tests of the suite send traffic to the load balancer (gateway-spec §6)"
                + " and cannot run here: moto has no data plane.\n");
    return text.toString();
  }
}
