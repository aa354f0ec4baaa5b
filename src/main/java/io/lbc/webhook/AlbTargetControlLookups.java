package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.Namespace;
import io.lbc.k8s.AlbTargetControlConfig;
import java.util.Optional;

/** What the ALB target control agent webhooks read, by GET at each admission they act on. */
public interface AlbTargetControlLookups {
  Optional<Namespace> namespace(String name);

  /** The namespace's {@link AlbTargetControlConfig#NAME}, if there is one. */
  Optional<AlbTargetControlConfig> albTargetControlConfig(String namespace);
}
