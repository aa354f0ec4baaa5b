package io.lbc.rig;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Applies the committed {@code crds/} to the rig's apiserver and waits until they serve. */
public final class Crds {
  private Crds() {}

  public static List<CustomResourceDefinition> apply(KubernetesClient kube) {
    List<Path> files;
    try (Stream<Path> list = Files.list(Rig.repoRoot().resolve("crds"))) {
      files = list.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files.stream().map(file -> applyOne(kube, file)).toList();
  }

  private static CustomResourceDefinition applyOne(KubernetesClient kube, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      CustomResourceDefinition crd =
          kube.apiextensions().v1().customResourceDefinitions().load(in).item();
      kube.resource(crd).forceConflicts().serverSideApply();
      return kube.apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(Crds::established, 60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        // A CRD just created has a status without conditions for a moment.
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
