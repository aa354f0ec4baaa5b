package io.lbc.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.lbc.config.ControllerConfig.KubeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the controller's Kubernetes client from {@code --kubeconfig}, or in-cluster. */
public final class KubeClients {
  private KubeClients() {}

  public static KubernetesClient create(KubeSettings settings) {
    Config config =
        settings
            .kubeconfig()
            .map(KubeClients::fromKubeconfig)
            .orElseGet(() -> Config.autoConfigure(null));
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(KubeSerialization.create())
        .build();
  }

  private static Config fromKubeconfig(String path) {
    try {
      return Config.fromKubeconfig(null, Files.readString(Path.of(path)), path);
    } catch (IOException e) {
      throw new UncheckedIOException("--kubeconfig: cannot read " + path, e);
    }
  }
}
