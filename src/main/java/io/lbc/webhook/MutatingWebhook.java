package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.List;

/**
 * A mutating handler: a request it {@link #applies applies} to is decoded and answered with the
 * JSON patch of {@link #patch}; any other is admitted unchanged without being decoded.
 */
public abstract class MutatingWebhook<T extends HasMetadata> extends AdmissionWebhook<T> {
  /**
   * @param failOpen see {@link AdmissionHandler#failOpen()}
   */
  protected MutatingWebhook(String path, Class<T> type, boolean failOpen) {
    super(path, Kind.MUTATING, failOpen, type);
  }

  @Override
  public final Decision admit(AdmissionRequest request) {
    if (!applies(request)) {
      return Decision.allow();
    }
    return Decision.patch(patch(request, object(request)));
  }

  protected abstract boolean applies(AdmissionRequest request);

  /** The changes to make; none admits the object unchanged. Throws {@link Denial} to refuse. */
  protected abstract List<PatchOperation> patch(AdmissionRequest request, T object);
}
