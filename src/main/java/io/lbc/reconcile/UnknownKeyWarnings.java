package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.lbc.annotations.KeyChecks;
import io.lbc.annotations.Surface;
import io.lbc.annotations.UnknownKey;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warns about annotations under our prefixes that no key is declared for (most likely typos),
 * naming the nearest known key. The object is still served. One Warning per object and set of
 * unknown keys: reconciling it again says nothing new, so it writes nothing.
 */
final class UnknownKeyWarnings {
  private final EventRecorder events;
  private final Map<String, List<String>> warned = new ConcurrentHashMap<>();

  UnknownKeyWarnings(EventRecorder events) {
    this.events = events;
  }

  void check(Surface surface, HasMetadata object) {
    String uid = object.getMetadata().getUid();
    List<UnknownKey> unknown = KeyChecks.unknown(surface, object.getMetadata().getAnnotations());
    List<String> messages = unknown.stream().map(UnknownKey::message).toList();
    if (messages.isEmpty()) {
      warned.remove(uid);
      return;
    }
    if (messages.equals(warned.put(uid, messages))) {
      return;
    }
    messages.forEach(m -> events.warning(object, EventReasons.UNKNOWN_ANNOTATION, m));
  }

  void forget(HasMetadata object) {
    warned.remove(object.getMetadata().getUid());
  }
}
