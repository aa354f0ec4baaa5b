package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders the install manifests (kustomize, with the rig's kubectl) and has the real apiserver
 * accept them in a server-side dry run, every object: what the Helm chart's and the kustomize
 * base's ITs share.
 */
final class ManifestDryRun {
  static final String NAMESPACE = "aws-load-balancer-controller";

  record Result(int exit, String output) {}

  private ManifestDryRun() {}

  /** Dry-runs the rendered YAML (server-side) into the controller's namespace. */
  static Result dryRun(Rig rig, KubernetesClient kube, String rendered) throws Exception {
    Path file = Files.createTempFile("lbc-manifests-", ".yaml");
    Files.writeString(file, rendered);
    return dryRun(rig, kube, "-f", file);
  }

  /** Dry-runs the kustomization in the directory (server-side) into the controller's namespace. */
  static Result dryRunKustomization(Rig rig, KubernetesClient kube, Path kustomization)
      throws Exception {
    return dryRun(rig, kube, "-k", kustomization);
  }

  private static Result dryRun(Rig rig, KubernetesClient kube, String how, Path what)
      throws Exception {
    // namespaced objects can only be dry-run into a namespace that exists
    kube.resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    return kubectl(rig, "apply", "--dry-run=server", how, what.toString());
  }

  /** The dry run succeeded and the apiserver accepted each of the {@code objects}. */
  static void assertAccepted(Result dryRun, int objects) {
    assertThat(dryRun.exit()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).doesNotContain("Error from server");
    assertThat(dryRun.output().lines().filter(l -> l.endsWith("(server dry run)")).count())
        .as(dryRun.output())
        .isEqualTo(objects);
  }

  /** What {@code kubectl kustomize} renders of the directory; it must succeed. */
  static String kustomize(Rig rig, Path kustomization) throws Exception {
    Result rendered = kubectl(rig, "kustomize", kustomization.toString());
    assertThat(rendered.exit()).as(rendered.output()).isZero();
    return rendered.output();
  }

  /** A new kustomization of {@code manifests/base} with the component of {@code manifests/}. */
  static Path baseWithComponent(String component) throws IOException {
    return baseWithComponent(Rig.repoRoot().resolve("manifests/components/" + component));
  }

  /** A new kustomization (under {@code target/}) of {@code manifests/base} with the component. */
  static Path baseWithComponent(Path component) throws IOException {
    Path overlay = Files.createTempDirectory(Rig.repoRoot().resolve("target"), "overlay-");
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
                overlay.relativize(component)));
    return overlay;
  }

  static Result kubectl(Rig rig, String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(rig.kubectl().toString());
    command.add("--kubeconfig=" + rig.kubeconfig());
    command.addAll(List.of(args));
    return run(command);
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output.strip());
  }
}
