package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Helm;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.webhook.TestCertificates;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller runs with the arguments of the reference's own Helm chart (3.5.0, vendored under
 * {@code src/test/resources/reference-chart/}), rendered with the rig's helm: a Deployment copied
 * from a reference install starts here. Only what a pod gets from its surroundings is added: the
 * kubeconfig (in-cluster there), the AWS endpoints (moto), its own ports (its own network namespace
 * there), the webhook certificate directory (the chart's Secret volume), and its namespace for the
 * Lease and the watch (the pod's namespace; the rig's apiserver is shared).
 */
@RigTest
class ReferenceChartIT {
  static final String CONTAINER = "aws-load-balancer-controller";
  static final Path CHART =
      Rig.repoRoot().resolve("src/test/resources/reference-chart/aws-load-balancer-controller");

  @TempDir Path certs;
  private IngressRig it;
  private Helm helm;
  private InProcessController controller;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.withoutController(rig, kube, aws, namespace);
    helm = Helm.of(rig);
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    it.close();
  }

  @Test
  void startsWithTheChartDefaultsLeadsAndReconcilesAnIngress() throws Exception {
    List<String> chartArgs =
        Helm.deploymentArgs(
            helm.run(
                    "template",
                    CONTAINER,
                    CHART.toString(),
                    "--namespace",
                    it.ns,
                    "--set",
                    "clusterName=" + InProcessController.CLUSTER_NAME)
                .requireSuccess()
                .output(),
            CONTAINER);
    // the vendored list: what the chart renders for its defaults
    assertThat(chartArgs)
        .isEqualTo(
            Files.readAllLines(CHART.resolveSibling("default-args.txt")).stream()
                .map(l -> l.replace("${clusterName}", InProcessController.CLUSTER_NAME))
                .toList());
    // no --aws-region nor --aws-vpc-id: both come from the instance metadata, as on EKS
    String instance =
        AwsFixtures.runInstances(it.aws.ec2(), it.vpc.privateSubnetIds().get(0), 1).get(0);
    poseMetadataAs(instance);
    var ca = TestCertificates.newCa(certs);
    ca.issue(
        certs.resolve("tls.crt"), certs.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8_RSA);

    var args = new ArrayList<>(chartArgs);
    args.addAll(surroundings());
    controller = InProcessController.start(args, Map.of());

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> controller.runtime().isReady() && controller.runtime().isLeading());
    it.nodePortService("web", Map.of());
    it.simpleIngress("web", "web", Map.of());
    it.awaitHostname("web");
    assertThat(it.alb.onlyLoadBalancer().vpcId()).isEqualTo(it.vpc.vpcId());
  }

  @Test
  void everyArgumentTheChartCanRenderIsAccepted() throws Exception {
    List<String> chartArgs =
        Helm.deploymentArgs(
            helm.run(
                    "template",
                    CONTAINER,
                    CHART.toString(),
                    "--namespace",
                    it.ns,
                    "-f",
                    CHART.resolveSibling("every-argument-values.yaml").toString(),
                    "--set",
                    "clusterName=" + InProcessController.CLUSTER_NAME,
                    "--set",
                    "vpcId=" + it.vpc.vpcId(),
                    "--set",
                    "watchNamespace=" + it.ns,
                    "--set",
                    "backendSecurityGroup=",
                    "--set",
                    "vpcTags=null")
                .requireSuccess()
                .output(),
            CONTAINER);
    assertThat(chartArgs).hasSizeGreaterThanOrEqualTo(44);
    var args = new ArrayList<>(chartArgs);
    // until the acm-targets branch lands (ReferenceFlagsTest.LANDING_ELSEWHERE)
    args.removeIf(
        a ->
            (a.startsWith("--max-targets-per-target-group=") || a.startsWith("--default-pca-arn="))
                && !accepted(a.substring(0, a.indexOf('='))));
    var ca = TestCertificates.newCa(certs);
    ca.issue(
        certs.resolve("tls.crt"), certs.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8_RSA);
    args.addAll(surroundings());
    controller = InProcessController.start(args, Map.of());

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> controller.runtime().isReady() && controller.runtime().isLeading());
    it.nodePortService("web", Map.of());
    it.simpleIngress("web", "web", Map.of());
    it.awaitHostname("web");
    // --default-tags=team=web of the values file reached AWS
    assertThat(it.alb.tags(it.alb.onlyLoadBalancer().loadBalancerArn()))
        .containsEntry("team", "web");
  }

  @picocli.CommandLine.Command
  static class Flags {
    @picocli.CommandLine.Mixin io.lbc.config.ControllerFlags flags;
  }

  private static boolean accepted(String flag) {
    return new picocli.CommandLine(new Flags()).getCommandSpec().findOption(flag) != null;
  }

  /** What a pod of the chart's Deployment gets from where it runs, not from its arguments. */
  private List<String> surroundings() {
    return List.of(
        "--kubeconfig=" + it.rig.kubeconfig(),
        "--aws-api-endpoints=" + it.aws.endpointsFlag(),
        "--aws-max-retries=1",
        "--webhook-cert-dir=" + certs,
        "--webhook-bind-port=" + ControllerProcess.freePort(),
        "--metrics-bind-addr=127.0.0.1:" + ControllerProcess.freePort(),
        "--health-probe-bind-addr=127.0.0.1:" + ControllerProcess.freePort(),
        "--leader-election-namespace=" + it.ns,
        "--watch-namespace=" + it.ns);
  }

  private void poseMetadataAs(String instanceId) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(it.rig.motoUrl().resolve("/moto-api/lbc/instance-metadata"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"instanceId\": \"" + instanceId + "\"}"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
