package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.k8s.IngressClassParams;
import java.util.Optional;

/** An Ingress of an IngressGroup, with the IngressClassParams of its class if any. */
public record GroupMember(Ingress ingress, Optional<IngressClassParams> classParams) {

  public String namespace() {
    return ingress.getMetadata().getNamespace();
  }

  public String name() {
    return ingress.getMetadata().getName();
  }

  /** {@code namespace/name}. */
  public String key() {
    return key(ingress);
  }

  static String key(Ingress ingress) {
    return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
  }
}
