package io.lbc.rig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs the Gateway API standard channel (the version {@code rig/lib.sh} pins, fetched from its
 * Go module by {@code rig/install}) into the rig's apiserver, as a user installs it: every CRD and
 * the safe-upgrades admission policy. Opt-in: a test that needs Gateway API calls {@link #apply};
 * the CRDs then stay for the rest of the run (applying again changes nothing).
 */
public final class GatewayApiCrds {
  private GatewayApiCrds() {}

  /** Applies the manifests and waits until every CRD is Established; returns the CRD names. */
  public static List<String> apply(Rig rig, KubernetesClient kube) {
    List<String> crds = new ArrayList<>();
    for (Path file : manifests(rig.gatewayApiCrds())) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata item : kube.load(in).items()) {
          kube.resource(item).forceConflicts().serverSideApply();
          if (item instanceof CustomResourceDefinition) {
            crds.add(item.getMetadata().getName());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String name : crds) {
      kube.apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(Crds::established, 60, TimeUnit.SECONDS);
    }
    return crds;
  }

  private static List<Path> manifests(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no Gateway API CRDs in " + dir + ": run rig/install", e);
    }
  }
}
