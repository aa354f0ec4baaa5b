package io.lbc.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lbc.config.UserError;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Reads Kubernetes manifests (multi-document YAML or JSON), with this controller's CRDs typed. */
public final class Manifests {
  private static final KubernetesSerialization SERIALIZATION = serialization();

  private Manifests() {}

  private static KubernetesSerialization serialization() {
    var serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(IngressClassParams.class);
    serialization.registerKubernetesResource(TargetGroupBinding.class);
    serialization.registerKubernetesResource(LoadBalancerConfiguration.class);
    serialization.registerKubernetesResource(TargetGroupConfiguration.class);
    serialization.registerKubernetesResource(ListenerSet.class);
    return serialization;
  }

  /**
   * @throws UserError naming the file (and for a syntax error its line and column) when it cannot
   *     be read or parsed
   */
  public static List<HasMetadata> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage());
    }
    try {
      return parse(text);
    } catch (MarkedYamlEngineException e) {
      throw new UserError(file + at(e.getProblemMark()) + ": " + e.getProblem());
    } catch (RuntimeException e) {
      throw new UserError(file + ": " + firstLine(e));
    }
  }

  private static String at(Optional<Mark> mark) {
    return mark.map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
  }

  /** The first line of the innermost message, e.g. Jackson's, without its source excerpt. */
  private static String firstLine(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause().getMessage() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return message.lines().findFirst().orElse(message).strip();
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

  /**
   * A namespaced object without a namespace, as a copy in {@code default} (where kubectl applies
   * it); other objects as they are.
   */
  public static HasMetadata inItsNamespace(HasMetadata object) {
    boolean namespaced =
        object instanceof io.fabric8.kubernetes.api.model.Namespaced
            || object instanceof GenericKubernetesResource;
    if (!namespaced || object.getMetadata().getNamespace() != null) {
      return object;
    }
    HasMetadata copy = SERIALIZATION.clone(object);
    copy.getMetadata().setNamespace("default");
    return copy;
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
