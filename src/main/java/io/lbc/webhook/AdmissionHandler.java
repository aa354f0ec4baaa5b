package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;

/** One webhook: the decision on one admission request, served on {@link #path()}. */
public interface AdmissionHandler {
  enum Kind {
    MUTATING,
    VALIDATING
  }

  /** The URL path, the reference controller's, e.g. {@code /mutate-v1-pod}. */
  String path();

  Kind kind();

  /**
   * When true, a failure inside the handler (not a denial) admits the object unchanged: the webhook
   * must never be the reason a pod or Service cannot be created.
   */
  default boolean failOpen() {
    return false;
  }

  /**
   * Decides; throws {@link Denial} to refuse. Any other exception answers with an error, or admits
   * the object unchanged when {@link #failOpen()}.
   */
  Decision admit(AdmissionRequest request);
}
