package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;

/**
 * A validating handler: decodes the object and admits it unless {@link #validate} refuses. An
 * object being deleted is always admitted: its updates are finalizers coming off.
 */
public abstract class ValidatingWebhook<T extends HasMetadata> extends AdmissionWebhook<T> {
  protected ValidatingWebhook(String path, Class<T> type) {
    super(path, Kind.VALIDATING, false, type);
  }

  @Override
  public final Decision admit(AdmissionRequest request) {
    T object = object(request);
    if (!AdmissionObjects.isBeingDeleted(object)) {
      validate(request, object);
    }
    return Decision.allow();
  }

  /** Returns to admit; throws {@link Denial} to refuse. */
  protected abstract void validate(AdmissionRequest request, T object);
}
