package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.Rig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The webhook configurations of {@code manifests/base/webhooks.yaml} registered in the rig's
 * apiserver, with the Service reference turned into {@code https://127.0.0.1:<port><path>} and the
 * test CA as caBundle. Each webhook is also limited to the test's namespace, so a configuration
 * left behind could not disturb other tests. Closing deletes them: they are cluster-scoped.
 */
public final class WebhookRegistration implements AutoCloseable {
  static final Path MANIFEST = Path.of("manifests", "base", "webhooks.yaml");

  /** The component's JSON patch that appends the ALB target control agent webhooks. */
  static final Path ALB_TARGET_CONTROL_AGENT =
      Path.of("manifests", "components", "alb-target-control-agent", "webhooks.yaml");

  private final KubernetesClient kube;
  private final List<HasMetadata> registered = new ArrayList<>();

  private WebhookRegistration(KubernetesClient kube) {
    this.kube = kube;
  }

  public static WebhookRegistration register(
      KubernetesClient kube, int port, String caPem, String namespace) {
    return register(kube, port, caPem, namespace, false);
  }

  /**
   * @param albTargetControlAgent with the webhooks of the component {@code
   *     alb-target-control-agent} (the controller serves them under its gate)
   */
  public static WebhookRegistration register(
      KubernetesClient kube,
      int port,
      String caPem,
      String namespace,
      boolean albTargetControlAgent) {
    var registration = new WebhookRegistration(kube);
    try {
      String caBundle =
          Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
      for (HasMetadata item : loadManifest(kube, albTargetControlAgent)) {
        if (item instanceof MutatingWebhookConfiguration mutating) {
          for (MutatingWebhook webhook : mutating.getWebhooks()) {
            webhook.setClientConfig(toUrl(webhook.getClientConfig(), port, caBundle));
            webhook.setNamespaceSelector(onlyIn(webhook.getNamespaceSelector(), namespace));
          }
        } else if (item instanceof ValidatingWebhookConfiguration validating) {
          for (ValidatingWebhook webhook : validating.getWebhooks()) {
            webhook.setClientConfig(toUrl(webhook.getClientConfig(), port, caBundle));
            webhook.setNamespaceSelector(onlyIn(webhook.getNamespaceSelector(), namespace));
          }
        } else {
          continue;
        }
        registration.registered.add(kube.resource(item).forceConflicts().serverSideApply());
      }
      return registration;
    } catch (RuntimeException e) {
      registration.close();
      throw e;
    }
  }

  /** The objects of the manifest; parsing does not contact the cluster. */
  static List<HasMetadata> loadManifest(KubernetesClient kube) {
    return loadManifest(kube, false);
  }

  /**
   * The manifest with, when asked, the component's webhooks appended to its mutating configuration
   * as kustomize does (its patch only appends to {@code /webhooks}; ManifestsIT renders it with
   * kustomize itself).
   */
  static List<HasMetadata> loadManifest(KubernetesClient kube, boolean albTargetControlAgent) {
    List<HasMetadata> items = base(kube);
    if (albTargetControlAgent) {
      for (HasMetadata item : items) {
        if (item instanceof MutatingWebhookConfiguration mutating) {
          var webhooks = new ArrayList<>(mutating.getWebhooks());
          webhooks.addAll(componentWebhooks(kube));
          mutating.setWebhooks(webhooks);
        }
      }
    }
    return items;
  }

  private static List<MutatingWebhook> componentWebhooks(KubernetesClient kube) {
    try (InputStream in = Files.newInputStream(Rig.repoRoot().resolve(ALB_TARGET_CONTROL_AGENT))) {
      List<?> operations = kube.getKubernetesSerialization().unmarshal(in, List.class);
      var webhooks = new ArrayList<MutatingWebhook>();
      for (Object operation : operations) {
        var op = (java.util.Map<?, ?>) operation;
        if (!"add".equals(op.get("op")) || !"/webhooks/-".equals(op.get("path"))) {
          throw new IllegalStateException("not an append to /webhooks: " + op);
        }
        webhooks.add(
            kube.getKubernetesSerialization().convertValue(op.get("value"), MutatingWebhook.class));
      }
      return webhooks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> base(KubernetesClient kube) {
    try (InputStream in = Files.newInputStream(Rig.repoRoot().resolve(MANIFEST))) {
      return kube.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebhookClientConfig toUrl(WebhookClientConfig config, int port, String caBundle) {
    var result = new WebhookClientConfig();
    result.setUrl("https://127.0.0.1:" + port + config.getService().getPath());
    result.setCaBundle(caBundle);
    return result;
  }

  private static LabelSelector onlyIn(LabelSelector selector, String namespace) {
    var result = selector == null ? new LabelSelector() : selector;
    var expressions =
        new ArrayList<>(
            result.getMatchExpressions() == null ? List.of() : result.getMatchExpressions());
    expressions.add(
        new LabelSelectorRequirementBuilder()
            .withKey("kubernetes.io/metadata.name")
            .withOperator("In")
            .withValues(namespace)
            .build());
    result.setMatchExpressions(expressions);
    return result;
  }

  @Override
  public void close() {
    for (HasMetadata item : registered) {
      kube.resource(item).delete();
    }
    registered.clear();
  }
}
