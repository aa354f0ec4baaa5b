package io.lbc.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about the controller's objects; shared by every reconciler. A repeat of the
 * same event (same object, type, reason and message) bumps the count of the Event already written
 * instead of creating another, as client-go's recorder does. Failing to record never fails a
 * reconcile: it is logged and forgotten.
 */
public final class EventRecorder {
  public static final String COMPONENT = "aws-load-balancer-controller";
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final int MAX_TRACKED = 4096;

  private final KubernetesClient kube;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<EventKey, Written> written =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EventKey, Written> eldest) {
          return size() > MAX_TRACKED;
        }
      };

  public EventRecorder(KubernetesClient kube) {
    this(kube, Clock.systemUTC());
  }

  public EventRecorder(KubernetesClient kube, Clock clock) {
    this.kube = kube;
    this.clock = clock;
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, new EventKey(object.getMetadata().getUid(), "Normal", reason, message));
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, new EventKey(object.getMetadata().getUid(), "Warning", reason, message));
  }

  private void record(HasMetadata object, EventKey key) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    try {
      Written previous;
      synchronized (written) {
        previous = written.get(key);
      }
      Written current =
          previous == null ? create(object, key, now) : bump(object, key, previous, now);
      synchronized (written) {
        written.put(key, current);
      }
    } catch (KubernetesClientException e) {
      log.warn(
          "failed to record event type={} reason={} object={}/{}: {}",
          key.type(),
          key.reason(),
          object.getMetadata().getNamespace(),
          object.getMetadata().getName(),
          e.getMessage());
    }
  }

  private Written bump(HasMetadata object, EventKey key, Written previous, String now) {
    int count = previous.count() + 1;
    String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}";
    try {
      kube.v1()
          .events()
          .inNamespace(previous.namespace())
          .withName(previous.name())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return new Written(previous.namespace(), previous.name(), count);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      // The apiserver expires events (after an hour by default): start a new one.
      return create(object, key, now);
    }
  }

  private Written create(HasMetadata object, EventKey key, String now) {
    String namespace =
        object.getMetadata().getNamespace() == null
            ? "default"
            : object.getMetadata().getNamespace();
    String name =
        object.getMetadata().getName()
            + "."
            + Long.toHexString(clock.millis())
            + Long.toHexString(sequence.incrementAndGet());
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(object.getApiVersion())
                    .withKind(object.getKind())
                    .withName(object.getMetadata().getName())
                    .withNamespace(object.getMetadata().getNamespace())
                    .withUid(object.getMetadata().getUid())
                    .withResourceVersion(object.getMetadata().getResourceVersion())
                    .build())
            .withType(key.type())
            .withReason(key.reason())
            .withMessage(key.message())
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    kube.v1().events().inNamespace(namespace).resource(event).create();
    return new Written(namespace, name, 1);
  }

  private record EventKey(String uid, String type, String reason, String message) {}

  private record Written(String namespace, String name, int count) {}
}
