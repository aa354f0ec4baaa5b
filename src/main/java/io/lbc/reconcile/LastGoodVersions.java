package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.model.StackId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last version of each IngressGroup member that was deployed, kept in an annotation on the
 * member itself (and in memory): a controller that restarts after a member broke still knows the
 * rules it served, so the group neither freezes nor drops them. The reference controller keeps no
 * such record (a broken member fails its whole group); the annotation is ours and lives and dies
 * with the Ingress, as the reference's multi-cluster target records live with their binding.
 */
public final class LastGoodVersions {
  private static final Logger log = LoggerFactory.getLogger(LastGoodVersions.class);

  /** Holds the JSON of {@link Recorded}. */
  public static final String ANNOTATION = "ingress.k8s.aws/last-deployed-version";

  /** Annotations that are bookkeeping, not input: never recorded, never a reason to reconcile. */
  public static final Set<String> BOOKKEEPING =
      Set.of(
          ANNOTATION,
          StackCheckpoints.ANNOTATION,
          DryRunPlanAnnotation.KEY,
          "kubectl.kubernetes.io/last-applied-configuration");

  /** What the builder reads of a member, and the group it was deployed in. */
  record Recorded(
      String group, Map<String, String> labels, Map<String, String> annotations, IngressSpec spec) {

    static Recorded of(StackId group, Ingress ingress) {
      return new Recorded(
          group.value(),
          new TreeMap<>(Optional.ofNullable(ingress.getMetadata().getLabels()).orElse(Map.of())),
          inputAnnotations(ingress),
          ingress.getSpec());
    }

    String json() {
      return Serialization.asJson(this);
    }
  }

  private final KubernetesClient kube;

  /** The recorded JSON by member UID, as last written by this process. */
  private final Map<String, String> written = new ConcurrentHashMap<>();

  public LastGoodVersions(KubernetesClient kube) {
    this.kube = kube;
  }

  /** The member's annotations that configure it, sorted. */
  static Map<String, String> inputAnnotations(Ingress ingress) {
    var annotations =
        new TreeMap<>(Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of()));
    annotations.keySet().removeAll(BOOKKEEPING);
    return annotations;
  }

  /**
   * The member as it was last deployed in {@code group}, when that is known and differs from what
   * it is now.
   */
  public Optional<Ingress> lastGood(StackId group, Ingress current) {
    String recorded = recorded(current);
    if (recorded == null || recorded.equals(Recorded.of(group, current).json())) {
      return Optional.empty();
    }
    Recorded last;
    try {
      last = Serialization.unmarshal(recorded, Recorded.class);
    } catch (RuntimeException e) {
      log.warn(
          "ignoring the unreadable {} of {}",
          ANNOTATION,
          current.getMetadata().getNamespace() + "/" + current.getMetadata().getName());
      return Optional.empty();
    }
    if (last == null || !group.value().equals(last.group()) || last.spec() == null) {
      return Optional.empty();
    }
    var annotations = new HashMap<>(last.annotations() == null ? Map.of() : last.annotations());
    return Optional.of(
        new IngressBuilder(current)
            .editMetadata()
            .withLabels(last.labels())
            .withAnnotations(annotations)
            .endMetadata()
            .withSpec(last.spec())
            .build());
  }

  /** Records {@code deployed} (a member's current version) as its last good one, if it is not. */
  public void remember(StackId group, Ingress deployed) {
    String json = Recorded.of(group, deployed).json();
    if (json.equals(recorded(deployed))) {
      return;
    }
    if (annotate(deployed, json)) {
      written.put(deployed.getMetadata().getUid(), json);
    }
  }

  /** Drops the record: no older version of this member may be served again. */
  public void forget(Ingress member) {
    if (recorded(member) != null) {
      annotate(member, null);
    }
    written.remove(member.getMetadata().getUid());
  }

  /** Drops what this process holds in memory of a member that left its group. */
  public void release(Ingress member) {
    written.remove(member.getMetadata().getUid());
  }

  /** The member's record as it stands (part of its group's {@link StackInputs}), or "none". */
  String recordOf(Ingress member) {
    return Optional.ofNullable(recorded(member)).orElse("none");
  }

  private String recorded(Ingress member) {
    String inMemory = written.get(member.getMetadata().getUid());
    if (inMemory != null) {
      return inMemory;
    }
    Map<String, String> annotations = member.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  /** Sets (or, with null, removes) the annotation; false when the member is gone. */
  private boolean annotate(Ingress member, String json) {
    var annotations = new HashMap<String, String>();
    annotations.put(ANNOTATION, json);
    try {
      kube.network()
          .v1()
          .ingresses()
          .inNamespace(member.getMetadata().getNamespace())
          .withName(member.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
