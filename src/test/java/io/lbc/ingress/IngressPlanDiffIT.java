package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.JarCommand;
import io.lbc.rig.JarCommand.Result;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plan} as a reviewer reads it, against what the controller deployed: the cluster's own
 * manifests plan as no change (exit 0); the same manifests with one annotation changed plan as
 * exactly that change (exit 2), in text and in JSON; and nothing is written to AWS.
 */
@RigTest
class IngressPlanDiffIT {
  private static final Logger log = LoggerFactory.getLogger(IngressPlanDiffIT.class);

  private IngressRig it;

  @AfterEach
  void stop() {
    if (it != null) {
      it.close();
    }
  }

  @Test
  void aChangedAnnotationPlansAsExactlyThatChange(
      Rig rig,
      KubernetesClient kube,
      AwsTestClients aws,
      TestNamespace namespace,
      @TempDir Path dir)
      throws Exception {
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
    it.simpleIngress(
        "shop",
        "web",
        Map.of(
            "alb.ingress.kubernetes.io/load-balancer-attributes",
            "idle_timeout.timeout_seconds=120"));
    it.awaitHostname("shop");
    it.awaitSettled();
    long writesBefore = it.controller().awsWrites();
    String tgArn = it.alb.targetGroups().get(0).targetGroupArn();

    Ingress deployed = it.get("shop").orElseThrow();
    Path same = write(dir.resolve("same.yaml"), deployed);
    Result unchanged = plan(aws, same);
    log.info("measured plan of the deployed manifests:\n{}", unchanged.stdout());
    assertThat(unchanged.exitCode()).as(unchanged.stderr()).isZero();
    assertThat(unchanged.stdout()).contains("Plan: 0 to create, 0 to modify, 0 to delete");

    deployed
        .getMetadata()
        .getAnnotations()
        .put("alb.ingress.kubernetes.io/healthcheck-path", "/healthz");
    Path changed = write(dir.resolve("changed.yaml"), deployed);
    Result text = plan(aws, changed);
    log.info("measured plan after one annotation changed:\n{}", text.stdout());
    assertThat(text.exitCode()).as(text.stderr()).isEqualTo(2);
    assertThat(text.stdout())
        .contains("~ TargetGroup ")
        .contains("healthCheck.path: \"/\" → \"/healthz\"")
        .contains("Plan: 0 to create, 1 to modify, 0 to delete");

    Result json = plan(aws, changed, "-o", "json");
    assertThat(json.exitCode()).as(json.stderr()).isEqualTo(2);
    JsonNode stacks = new ObjectMapper().readTree(json.stdout()).get("stacks");
    assertThat(stacks).hasSize(1);
    JsonNode changes = stacks.get(0).get("changes");
    assertThat(changes).as(json.stdout()).hasSize(1);
    assertThat(changes.get(0).get("action").asText()).isEqualTo("modify");
    assertThat(changes.get(0).get("kind").asText()).isEqualTo("TargetGroup");
    JsonNode fields = changes.get(0).get("fields");
    assertThat(fields).hasSize(1);
    assertThat(fields.get(0).get("field").asText()).isEqualTo("healthCheck.path");
    assertThat(fields.get(0).get("before").asText()).isEqualTo("/");
    assertThat(fields.get(0).get("after").asText()).isEqualTo("/healthz");

    assertThat(it.controller().awsWrites()).isEqualTo(writesBefore);
    assertThat(
            aws.elbv2()
                .describeTargetGroups(r -> r.targetGroupArns(tgArn))
                .targetGroups()
                .get(0)
                .healthCheckPath())
        .as("plan wrote nothing")
        .isEqualTo("/");
  }

  /** The Ingress as a user's manifest holds it, with its Service and IngressClass. */
  private Path write(Path file, Ingress ingress) throws Exception {
    var objects = new ArrayList<HasMetadata>();
    objects.add(it.kube.network().v1().ingressClasses().withName("alb").get());
    objects.add(it.kube.services().inNamespace(it.ns).withName("web").get());
    objects.add(ingress);
    objects.forEach(
        o -> {
          o.getMetadata().setManagedFields(null);
          o.getMetadata().setResourceVersion(null);
        });
    Files.writeString(
        file, objects.stream().map(Serialization::asYaml).collect(Collectors.joining("\n")));
    return file;
  }

  private Result plan(AwsTestClients aws, Path manifest, String... extra) throws Exception {
    var args = new ArrayList<String>();
    args.add("plan");
    args.add("--cluster-name=" + IngressRig.CLUSTER);
    args.add("--aws-region=" + Rig.REGION);
    args.add("--aws-api-endpoints=" + aws.endpointsFlag());
    args.add("--aws-max-retries=1");
    args.add("--aws-vpc-id=" + it.vpc.vpcId());
    args.add("-f");
    args.add(manifest.toString());
    args.addAll(List.of(extra));
    return JarCommand.run(args);
  }
}
