package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.Crds;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The install manifests are accepted by a real apiserver, every object of them. */
@RigTest
class ManifestsIT {
  @Test
  void theBaseIsAcceptedByTheApiserverObjectByObject(Rig rig, KubernetesClient kube)
      throws Exception {
    Crds.apply(kube);
    Path base = Rig.repoRoot().resolve("manifests/base");
    int objects = countObjects(ManifestDryRun.kustomize(rig, base));

    ManifestDryRun.assertAccepted(ManifestDryRun.dryRunKustomization(rig, kube, base), objects);
    assertThat(objects)
        .as("namespace, CRDs, RBAC, Deployment, Services, webhooks, IngressClass")
        .isGreaterThanOrEqualTo(13);
  }

  @Test
  void theAlbTargetControlAgentComponentIsAcceptedAndAddsTheGateAndTwoWebhooks(
      Rig rig, KubernetesClient kube) throws Exception {
    Crds.apply(kube);
    Path overlay = ManifestDryRun.baseWithComponent("alb-target-control-agent");

    String rendered = ManifestDryRun.kustomize(rig, overlay);
    assertThat(rendered)
        .contains("- --feature-gates=ALBTargetControlAgent=true")
        .contains("name: alb-target-control.namespace.elbv2.k8s.aws")
        .contains("name: alb-target-control.object.elbv2.k8s.aws");
    ManifestDryRun.assertAccepted(
        ManifestDryRun.dryRunKustomization(rig, kube, overlay), countObjects(rendered));
  }

  @Test
  void theSelfSignedCertificateComponentFillsTheSecretAndEveryCaBundle(
      Rig rig, KubernetesClient kube) throws Exception {
    Crds.apply(kube);
    Path work = Files.createTempDirectory(Rig.repoRoot().resolve("target"), "overlay-");
    Path component = work.resolve("self-signed-secret");
    Files.createDirectories(component);
    Path source = Rig.repoRoot().resolve("manifests/components/self-signed-secret");
    for (String file : List.of("kustomization.yaml", "generate-certs")) {
      Files.copy(source.resolve(file), component.resolve(file));
    }
    ManifestDryRun.Result generated =
        ManifestDryRun.run(List.of("bash", component.resolve("generate-certs").toString()));
    assertThat(generated.exit()).as(generated.output()).isZero();
    Path overlay = ManifestDryRun.baseWithComponent(component);

    String rendered = ManifestDryRun.kustomize(rig, overlay);
    assertThat(rendered).contains("name: aws-load-balancer-webhook-tls");
    assertThat(rendered.lines().filter(l -> l.trim().startsWith("caBundle:")).count())
        .as("every webhook gets the CA")
        .isEqualTo(7);
    ManifestDryRun.assertAccepted(
        ManifestDryRun.dryRunKustomization(rig, kube, overlay), countObjects(rendered));
  }

  private static int countObjects(String yaml) {
    return (int) yaml.lines().filter(l -> l.startsWith("kind: ")).count();
  }
}
