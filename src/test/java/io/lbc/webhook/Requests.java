package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import java.util.UUID;

/** Admission requests as the apiserver sends them, for handler tests. */
public final class Requests {
  private Requests() {}

  public static AdmissionRequest create(HasMetadata object) {
    return request("CREATE", object, null);
  }

  public static AdmissionRequest update(HasMetadata object, HasMetadata old) {
    return request("UPDATE", object, old);
  }

  private static AdmissionRequest request(String operation, HasMetadata object, HasMetadata old) {
    return new AdmissionRequestBuilder()
        .withUid(UUID.randomUUID().toString())
        .withOperation(operation)
        .withNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .withObject(AdmissionObjects.JSON.convertValue(object, java.util.Map.class))
        .withOldObject(
            old == null ? null : AdmissionObjects.JSON.convertValue(old, java.util.Map.class))
        .build();
  }
}
