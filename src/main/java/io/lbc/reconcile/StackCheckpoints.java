package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, on the objects that own a stack (an IngressGroup's members, a Service), the {@link
 * StackInputs} digest of the last deploy that left AWS matching them, so that a reconcile with the
 * same inputs — a restart's start-up backlog, a resync, an unrelated event — costs no AWS call at
 * all. The TargetGroupBinding checkpoint, extended to stacks.
 *
 * <p>Never stale: a deploy for other inputs clears the checkpoint first (a controller stopped
 * half-way leaves none, even if the inputs later return to the checkpointed ones), and a checkpoint
 * older than {@code verifyAfter} no longer skips, so what only AWS knows (discovered subnets and
 * certificates, changes made behind our back) is read again at that pace.
 */
public final class StackCheckpoints {
  /** {@code {"at": epochSeconds, "digest": "…", "reads": ["service/ns/name", …]}} */
  public static final String ANNOTATION = "elbv2.k8s.aws/stack-checkpoint";

  /** What is recorded: when, the digest, and the cluster objects the build read. */
  public record Checkpoint(long at, String digest, List<String> reads) {
    static Optional<Checkpoint> parse(String json) {
      if (json == null || json.isEmpty()) {
        return Optional.empty();
      }
      try {
        Checkpoint checkpoint = Serialization.unmarshal(json, Checkpoint.class);
        return Optional.ofNullable(checkpoint).filter(c -> c.digest() != null && c.reads() != null);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  private final KubernetesClient kube;
  private final Clock clock;
  private final Duration verifyAfter;

  /** The annotation value by owner UID, as last written by this process ("" when cleared). */
  private final Map<String, String> written = new ConcurrentHashMap<>();

  public StackCheckpoints(KubernetesClient kube, Clock clock, Duration verifyAfter) {
    this.kube = kube;
    this.clock = clock;
    this.verifyAfter = verifyAfter;
  }

  /**
   * The checkpoint every owner carries, if they all carry the same one and it is recent enough to
   * skip on.
   */
  public Optional<Checkpoint> current(List<? extends HasMetadata> owners) {
    if (owners.isEmpty()) {
      return Optional.empty();
    }
    String value = stored(owners.get(0));
    if (value == null || owners.stream().anyMatch(o -> !value.equals(stored(o)))) {
      return Optional.empty();
    }
    return Checkpoint.parse(value)
        .filter(c -> Instant.ofEpochSecond(c.at()).plus(verifyAfter).isAfter(clock.instant()));
  }

  /** Clears the owners' checkpoint before AWS is changed for inputs other than its own. */
  public void invalidate(List<? extends HasMetadata> owners, String digest) {
    for (HasMetadata owner : owners) {
      String value = stored(owner);
      if (value != null
          && !value.isEmpty()
          && !Checkpoint.parse(value).map(c -> c.digest().equals(digest)).orElse(false)) {
        write(owner, "");
      }
    }
  }

  /** Records that AWS matches {@code inputs} on every owner. */
  public void save(List<? extends HasMetadata> owners, StackInputs.Digest inputs) {
    Instant renewAfter = clock.instant().minus(verifyAfter.dividedBy(2));
    boolean fresh =
        current(owners)
            .filter(c -> c.digest().equals(inputs.digest()) && c.reads().equals(inputs.reads()))
            .filter(c -> Instant.ofEpochSecond(c.at()).isAfter(renewAfter))
            .isPresent();
    if (fresh) {
      return; // nothing to write: an unchanged group costs no write either
    }
    String value =
        Serialization.asJson(
            new Checkpoint(clock.instant().getEpochSecond(), inputs.digest(), inputs.reads()));
    for (HasMetadata owner : owners) {
      write(owner, value);
    }
  }

  /** Drops what this process holds of an owner that is gone. */
  public void forget(HasMetadata owner) {
    written.remove(owner.getMetadata().getUid());
  }

  private String stored(HasMetadata owner) {
    String inMemory = written.get(owner.getMetadata().getUid());
    if (inMemory != null) {
      return inMemory;
    }
    Map<String, String> annotations = owner.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  private void write(HasMetadata owner, String value) {
    var annotations = new HashMap<String, String>();
    annotations.put(ANNOTATION, value.isEmpty() ? null : value);
    try {
      kube.resources(owner.getClass())
          .inNamespace(owner.getMetadata().getNamespace())
          .withName(owner.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
      written.put(owner.getMetadata().getUid(), value);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
