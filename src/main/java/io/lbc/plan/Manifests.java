package io.lbc.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.TargetGroupBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Kubernetes manifests (multi-document YAML or JSON), with this controller's CRDs typed. */
public final class Manifests {
  private static final KubernetesSerialization SERIALIZATION = serialization();

  private Manifests() {}

  private static KubernetesSerialization serialization() {
    var serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(IngressClassParams.class);
    serialization.registerKubernetesResource(TargetGroupBinding.class);
    return serialization;
  }

  public static List<HasMetadata> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every object of a YAML or JSON text (several documents allowed). */
  public static List<HasMetadata> parse(String text) {
    return text.isBlank() ? List.of() : flatten(SERIALIZATION.unmarshal(text));
  }

  /**
   * Turns generic objects of this controller's kinds (read without them registered) into typed
   * ones.
   */
  public static List<HasMetadata> typed(List<HasMetadata> objects) {
    var result = new ArrayList<HasMetadata>();
    for (HasMetadata object : objects) {
      if (object instanceof GenericKubernetesResource generic
          && SERIALIZATION.getRegisteredKubernetesResource(
                  generic.getApiVersion(), generic.getKind())
              != null) {
        result.add(
            (HasMetadata)
                SERIALIZATION.convertValue(
                    generic,
                    SERIALIZATION.getRegisteredKubernetesResource(
                        generic.getApiVersion(), generic.getKind())));
      } else {
        result.add(object);
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<HasMetadata> flatten(Object parsed) {
    var result = new ArrayList<HasMetadata>();
    if (parsed instanceof List<?> list) {
      list.forEach(item -> result.addAll(flatten(item)));
    } else if (parsed instanceof KubernetesResourceList<?> list) {
      list.getItems().forEach(item -> result.add((HasMetadata) item));
    } else if (parsed instanceof HasMetadata object) {
      result.add(object);
    }
    return typed(result);
  }
}
