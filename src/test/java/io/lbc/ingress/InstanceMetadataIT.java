package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Started with neither {@code --aws-region} nor {@code --aws-vpc-id}, the controller finds both as
 * the reference does: from the instance metadata (IMDSv2, moto's endpoint on loopback with the
 * {@code instance_metadata_v2} extension posing as one of moto's instances), or the VPC from the
 * instance {@code $NODENAME} names. It then builds the ALB of an Ingress in that VPC.
 */
@RigTest
class InstanceMetadataIT {
  private IngressRig it;
  private InProcessController controller;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.withoutController(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    it.close();
  }

  @Test
  void regionAndVpcComeFromTheInstanceMetadata() throws Exception {
    String instance = controllerInstance();
    metadataPosesAs(instance);
    // moto itself answers only with a session token (IMDSv2 required)
    assertThat(rawMetadata("placement/region", null).statusCode()).isEqualTo(401);

    controller = InProcessController.start(flagsWithoutRegionOrVpc(), Map.of());

    assertAlbBuiltInTheClusterVpc();
    assertThat(metadataState()).contains("\"instanceId\": \"" + instance + "\"");
  }

  @Test
  void withoutMetadataTheVpcComesFromTheInstanceNodenameNames() throws Exception {
    String instance = controllerInstance();
    // metadata not posing as any instance: moto's own constants, whose MAC has no vpc-id
    var flags = new ArrayList<>(flagsWithoutRegionOrVpc());
    flags.add("--aws-region=" + Rig.REGION);

    controller = InProcessController.start(flags, Map.of("NODENAME", instance));

    assertAlbBuiltInTheClusterVpc();
  }

  /** The emulator itself, spoken to raw: IMDSv2 required, metadata of the chosen instance. */
  @Test
  void theEmulatorAnswersAsAnInstanceWithImdsV2Required() throws Exception {
    String instance = controllerInstance();
    metadataPosesAs(instance);

    var noTtl =
        http()
            .send(
                HttpRequest.newBuilder(it.rig.motoUrl().resolve("/latest/api/token"))
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(noTtl.statusCode()).isEqualTo(400);
    var tokenResponse =
        http()
            .send(
                HttpRequest.newBuilder(it.rig.motoUrl().resolve("/latest/api/token"))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(tokenResponse.statusCode()).isEqualTo(200);
    String token = tokenResponse.body();

    assertThat(rawMetadata("instance-id", null).statusCode()).isEqualTo(401);
    assertThat(rawMetadata("instance-id", "not-issued").statusCode()).isEqualTo(401);
    assertThat(rawMetadata("instance-id", token).body()).isEqualTo(instance);
    assertThat(rawMetadata("placement/region", token).body()).isEqualTo(Rig.REGION);
    String mac = rawMetadata("mac", token).body();
    assertThat(rawMetadata("network/interfaces/macs/" + mac + "/vpc-id", token).body())
        .isEqualTo(it.vpc.vpcId());
    assertThat(rawMetadata("network/interfaces/macs/" + mac + "/subnet-id", token).body())
        .isEqualTo(it.vpc.privateSubnetIds().get(0));
    assertThat(metadataState()).contains("\"refused\": 2");
  }

  /** The instance the controller's pod would run on: in a private subnet of the cluster VPC. */
  private String controllerInstance() {
    return AwsFixtures.runInstances(it.aws.ec2(), it.vpc.privateSubnetIds().get(0), 1).get(0);
  }

  private List<String> flagsWithoutRegionOrVpc() {
    return List.of(
        "--cluster-name=" + InProcessController.CLUSTER_NAME,
        "--aws-api-endpoints=" + it.aws.endpointsFlag(),
        "--aws-max-retries=1",
        "--kubeconfig=" + it.rig.kubeconfig(),
        "--enable-leader-election=false",
        "--metrics-bind-addr=0",
        "--health-probe-bind-addr=0",
        "--webhook-bind-port=" + ControllerProcess.freePort(),
        "--watch-namespace=" + it.ns);
  }

  private void assertAlbBuiltInTheClusterVpc() {
    it.nodePortService("web", Map.of());
    it.simpleIngress("web", "web", Map.of());
    it.awaitHostname("web");
    assertThat(it.alb.loadBalancers())
        .singleElement()
        .satisfies(lb -> assertThat(lb.vpcId()).isEqualTo(it.vpc.vpcId()));
  }

  private void metadataPosesAs(String instanceId) throws Exception {
    var response =
        http()
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

  private String metadataState() throws Exception {
    return http()
        .send(
            HttpRequest.newBuilder(it.rig.motoUrl().resolve("/moto-api/lbc/instance-metadata"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private HttpResponse<String> rawMetadata(String path, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(it.rig.motoUrl().resolve(URI.create("/latest/meta-data/" + path)))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("X-aws-ec2-metadata-token", token);
    }
    return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient http() {
    return HttpClient.newHttpClient();
  }
}
