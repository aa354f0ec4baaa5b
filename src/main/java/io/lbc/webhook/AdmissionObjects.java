package io.lbc.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.KubeSerialization;
import java.util.List;
import java.util.Optional;

/** Decodes the objects of an admission request into the model's types. */
public final class AdmissionObjects {
  public static final String CREATE = "CREATE";
  public static final String UPDATE = "UPDATE";

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .handlerInstantiator(KubeSerialization.withoutScan())
          .build();

  private AdmissionObjects() {}

  public static <T> T object(AdmissionRequest request, Class<T> type) {
    return decode(request.getObject(), type);
  }

  public static <T> Optional<T> oldObject(AdmissionRequest request, Class<T> type) {
    return Optional.ofNullable(request.getOldObject()).map(o -> decode(o, type));
  }

  public static boolean isCreate(AdmissionRequest request) {
    return CREATE.equals(request.getOperation());
  }

  public static boolean isUpdate(AdmissionRequest request) {
    return UPDATE.equals(request.getOperation());
  }

  /**
   * True for an object that is being deleted: its updates are finalizers coming off and must never
   * be refused, or deletion would hang.
   */
  public static boolean isBeingDeleted(HasMetadata object) {
    return object.getMetadata() != null && object.getMetadata().getDeletionTimestamp() != null;
  }

  /** The request's namespace; pods created from a template carry it only there. */
  public static String namespace(AdmissionRequest request, HasMetadata object) {
    if (request.getNamespace() != null && !request.getNamespace().isEmpty()) {
      return request.getNamespace();
    }
    return object.getMetadata() == null ? "" : object.getMetadata().getNamespace();
  }

  /** {@code namespace/name} for logs and messages; the name may still be empty on create. */
  public static String describe(AdmissionRequest request) {
    String name = request.getName() == null ? "" : request.getName();
    String namespace = request.getNamespace();
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  private static <T> T decode(Object raw, Class<T> type) {
    if (raw == null) {
      throw new Denial(List.of("decode"), 400, "the admission request carries no object");
    }
    try {
      return JSON.convertValue(raw, type);
    } catch (IllegalArgumentException e) {
      throw new Denial(
          List.of("decode"), 400, "cannot decode " + type.getSimpleName() + ": " + e.getMessage());
    }
  }
}
