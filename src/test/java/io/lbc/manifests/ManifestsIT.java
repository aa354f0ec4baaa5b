package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.Crds;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The install manifests are accepted by a real apiserver, every object of them. */
@RigTest
class ManifestsIT {
  private record Result(int exit, String output) {}

  @Test
  void theBaseIsAcceptedByTheApiserverObjectByObject(Rig rig, KubernetesClient kube)
      throws Exception {
    Crds.apply(kube);
    namespace(kube);
    Path base = Rig.repoRoot().resolve("manifests/base");
    int objects = countObjects(kubectl(rig, "kustomize", base.toString()).output());

    Result dryRun = kubectl(rig, "apply", "-k", base.toString(), "--dry-run=server");

    assertThat(dryRun.exit()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).doesNotContain("Error from server");
    assertThat(dryRun.output().lines().filter(l -> l.endsWith("(server dry run)")).count())
        .as(dryRun.output())
        .isEqualTo(objects);
    assertThat(objects)
        .as("namespace, CRDs, RBAC, Deployment, Services, webhooks, IngressClass")
        .isGreaterThanOrEqualTo(13);
  }

  @Test
  void theAlbTargetControlAgentComponentIsAcceptedAndAddsTheGateAndTwoWebhooks(
      Rig rig, KubernetesClient kube) throws Exception {
    Crds.apply(kube);
    namespace(kube);
    Path overlay = Files.createTempDirectory(Rig.repoRoot().resolve("target"), "agent-overlay-");
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - %s
        components:
        - %s
        """
            .formatted(
                overlay.relativize(Rig.repoRoot().resolve("manifests/base")),
                overlay.relativize(
                    Rig.repoRoot().resolve("manifests/components/alb-target-control-agent"))));

    String rendered = kubectl(rig, "kustomize", overlay.toString()).output();
    assertThat(rendered)
        .contains("- --feature-gates=ALBTargetControlAgent=true")
        .contains("name: alb-target-control.namespace.elbv2.k8s.aws")
        .contains("name: alb-target-control.object.elbv2.k8s.aws");
    Result dryRun = kubectl(rig, "apply", "-k", overlay.toString(), "--dry-run=server");
    assertThat(dryRun.exit()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).doesNotContain("Error from server");
  }

  @Test
  void theSelfSignedCertificateComponentFillsTheSecretAndEveryCaBundle(
      Rig rig, KubernetesClient kube) throws Exception {
    Crds.apply(kube);
    namespace(kube);
    Path work = Files.createTempDirectory(Rig.repoRoot().resolve("target"), "overlay-");
    Path component = work.resolve("self-signed-secret");
    Files.createDirectories(component);
    Path source = Rig.repoRoot().resolve("manifests/components/self-signed-secret");
    for (String file : List.of("kustomization.yaml", "generate-certs")) {
      Files.copy(source.resolve(file), component.resolve(file));
    }
    Result generated = run(List.of("bash", component.resolve("generate-certs").toString()));
    assertThat(generated.exit()).as(generated.output()).isZero();
    Path overlay = work.resolve("overlay");
    Files.createDirectories(overlay);
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - %s
        components:
        - ../self-signed-secret
        """
            .formatted(overlay.relativize(Rig.repoRoot().resolve("manifests/base"))));

    String rendered = kubectl(rig, "kustomize", overlay.toString()).output();
    assertThat(rendered).contains("name: aws-load-balancer-webhook-tls");
    assertThat(rendered.lines().filter(l -> l.trim().startsWith("caBundle:")).count())
        .as("every webhook gets the CA")
        .isEqualTo(7);
    Result dryRun = kubectl(rig, "apply", "-k", overlay.toString(), "--dry-run=server");
    assertThat(dryRun.exit()).as(dryRun.output()).isZero();
  }

  /** Namespaced objects can only be dry-run into a namespace that exists. */
  private static void namespace(KubernetesClient kube) {
    kube.resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("aws-load-balancer-controller")
                .endMetadata()
                .build())
        .serverSideApply();
  }

  private static int countObjects(String yaml) {
    return (int) yaml.lines().filter(l -> l.startsWith("kind: ")).count();
  }

  private static Result kubectl(Rig rig, String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(rig.kubectl().toString());
    command.add("--kubeconfig=" + rig.kubeconfig());
    command.addAll(List.of(args));
    return run(command);
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output.strip());
  }
}
