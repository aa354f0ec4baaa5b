package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.lbc.k8s.IngressClassParams;
import java.util.List;
import java.util.Optional;

/** What the Ingress validator reads, straight from the apiserver (rare and small). */
public interface IngressClassLookups {
  Optional<IngressClass> ingressClass(String name);

  List<IngressClass> ingressClasses();

  Optional<IngressClassParams> ingressClassParams(String name);

  Optional<Namespace> namespace(String name);
}
