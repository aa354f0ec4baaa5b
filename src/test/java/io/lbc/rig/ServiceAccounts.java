package io.lbc.rig;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A ServiceAccount {@code lbc} bound to the given roles, and a kubeconfig with its token. */
public final class ServiceAccounts {
  private ServiceAccounts() {}

  /**
   * The first object of {@code type} in {@code manifests/base/rbac.yaml} (its ClusterRole, Role).
   */
  public static <T extends HasMetadata> T fromManifests(KubernetesClient kube, Class<T> type)
      throws Exception {
    try (InputStream in =
        Files.newInputStream(Rig.repoRoot().resolve("manifests/base/rbac.yaml"))) {
      return kube.load(in).items().stream()
          .filter(type::isInstance)
          .map(type::cast)
          .findFirst()
          .orElseThrow();
    }
  }

  /** The account {@code lbc} in {@code ns}, bound to the manifests' roles; its kubeconfig. */
  public static Path withManifestRoles(Rig rig, KubernetesClient kube, String ns) throws Exception {
    return kubeconfig(
        rig, kube, ns, fromManifests(kube, ClusterRole.class), fromManifests(kube, Role.class));
  }

  /**
   * Creates the account and its bindings in {@code ns}; the kubeconfig file authenticates as it.
   */
  public static Path kubeconfig(
      Rig rig, KubernetesClient kube, String ns, ClusterRole clusterRole, Role role)
      throws Exception {
    kube.resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("lbc")
                .withNamespace(ns)
                .endMetadata()
                .build())
        .create();
    kube.resource(clusterRole).serverSideApply();
    kube.resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("lbc-" + ns)
                .endMetadata()
                .withNewRoleRef(
                    "rbac.authorization.k8s.io", "ClusterRole", clusterRole.getMetadata().getName())
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("lbc")
                .withNamespace(ns)
                .endSubject()
                .build())
        .create();
    role.getMetadata().setNamespace(ns);
    kube.resource(role).create();
    kube.resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("lbc")
                .withNamespace(ns)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", role.getMetadata().getName())
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("lbc")
                .withNamespace(ns)
                .endSubject()
                .build())
        .create();
    String token =
        kube.serviceAccounts()
            .inNamespace(ns)
            .withName("lbc")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path file = Files.createTempFile(Rig.repoRoot().resolve("target"), "rbac-", ".kubeconfig");
    Files.writeString(
        file,
        Files.readString(rig.kubeconfig())
            .replace("token: " + rig.adminToken(), "token: " + token)
            .replace("namespace: default", "namespace: " + ns));
    return file;
  }
}
