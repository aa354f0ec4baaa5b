package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.Optional;

/**
 * What every handler of the controller shares: its path, kind and failure mode, and the decoding of
 * the request's objects into its type. Extend {@link MutatingWebhook} or {@link ValidatingWebhook}.
 */
public abstract class AdmissionWebhook<T extends HasMetadata> implements AdmissionHandler {
  private final String path;
  private final Kind kind;
  private final boolean failOpen;
  private final Class<T> type;

  AdmissionWebhook(String path, Kind kind, boolean failOpen, Class<T> type) {
    this.path = path;
    this.kind = kind;
    this.failOpen = failOpen;
    this.type = type;
  }

  @Override
  public final String path() {
    return path;
  }

  @Override
  public final Kind kind() {
    return kind;
  }

  @Override
  public final boolean failOpen() {
    return failOpen;
  }

  protected final T object(AdmissionRequest request) {
    return AdmissionObjects.object(request, type);
  }

  protected final Optional<T> oldObject(AdmissionRequest request) {
    return AdmissionObjects.oldObject(request, type);
  }
}
